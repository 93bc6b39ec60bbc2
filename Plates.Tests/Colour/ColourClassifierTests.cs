using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Colour;
using Plates.Consume.Imaging;
using Plates.Tests.Localisation;

namespace Plates.Tests.Colour;

[TestClass]
public sealed class ColourClassifierTests
{
    [TestMethod]
    public void Classify_BluePlatePatch_ReturnsBlue()
    {
        using var plate = SyntheticPlates.Upright(SyntheticPlates.Blue, SyntheticPlates.White);

        var (colour, fraction) = ClassifyStandard(plate);

        Assert.AreEqual(PlateColor.Blue, colour);
        Assert.IsGreaterThan(0.5, fraction);
    }

    [TestMethod]
    public void Classify_YellowPlatePatch_ReturnsYellow()
    {
        using var plate = SyntheticPlates.Upright(SyntheticPlates.Yellow, SyntheticPlates.Black);

        Assert.AreEqual(PlateColor.Yellow, ClassifyStandard(plate).Colour);
    }

    [TestMethod]
    public void Classify_WashedOutBluePlatePatch_ReturnsBlue()
    {
        // Grey-blue like a dusty plate in haze: blue hue, saturation well under the strict floor.
        using var plate = SyntheticPlates.Upright(new Scalar(156, 125, 120), SyntheticPlates.White);

        Assert.AreEqual(PlateColor.Blue, ClassifyStandard(plate).Colour);
    }

    [TestMethod]
    public void Classify_GreyPatch_IsNotASaturatedColour()
    {
        using var grey = new Mat(36, 136, MatType.CV_8UC3, SyntheticPlates.Grey);

        Assert.IsFalse(PlateColours.Saturated.Contains(ClassifyStandard(grey).Colour));
    }

    [TestMethod]
    public void ClassifyExposed_DimYellowPlatePatch_ReturnsYellowWherePlainClassifyingSaysBlack()
    {
        // A yellow plate lit at an eighth: hue and saturation intact, but every pixel under the value floors.
        var dimYellow = new Scalar(SyntheticPlates.Yellow.Val0 / 8, SyntheticPlates.Yellow.Val1 / 8, SyntheticPlates.Yellow.Val2 / 8);
        using var plate = SyntheticPlates.Upright(dimYellow, Scalar.All(2));

        Assert.AreEqual(PlateColor.Black, ClassifyStandard(plate).Colour);
        Assert.AreEqual(PlateColor.Yellow, ColourClassifier.ClassifyExposed(plate, Colours, Exposure).Colour);
    }

    [TestMethod]
    public void ClassifyExposed_DimBluePlatePatch_CountsItsBackgroundAsLit()
    {
        // Blue at a fifth of its light: the loose hue test still names it, but almost none of it lies in the strict
        // range whose share the score counts.
        var dimBlue = new Scalar(SyntheticPlates.Blue.Val0 * 0.22, SyntheticPlates.Blue.Val1 * 0.22, SyntheticPlates.Blue.Val2 * 0.22);
        var dimWhite = new Scalar(SyntheticPlates.White.Val0 * 0.22, SyntheticPlates.White.Val1 * 0.22, SyntheticPlates.White.Val2 * 0.22);
        using var plate = SyntheticPlates.Upright(dimBlue, dimWhite);
        using var lit = SyntheticPlates.Upright(SyntheticPlates.Blue, SyntheticPlates.White);

        var plain = ClassifyStandard(plate);
        var (colour, fraction) = ColourClassifier.ClassifyExposed(plate, Colours, Exposure);

        Assert.AreEqual(PlateColor.Blue, plain.Colour);
        Assert.IsLessThan(0.1, plain.Fraction);
        Assert.AreEqual(PlateColor.Blue, colour);
        Assert.AreEqual(ClassifyStandard(lit).Fraction, fraction, 0.1);
    }

    [TestMethod]
    public void ClassifyExposed_BlackPlateWithWhiteCharacters_StaysBlack()
    {
        using var plate = SyntheticPlates.Upright(Scalar.All(15), SyntheticPlates.White);

        Assert.AreEqual(PlateColor.Black, ColourClassifier.ClassifyExposed(plate, Colours, Exposure).Colour);
    }

    private static readonly PlateColours Colours = PlateColours.Standard;
    private static readonly ExposureOptions Exposure = new();

    private static (PlateColor Colour, double Fraction) ClassifyStandard(Mat patch) => ColourClassifier.Classify(patch, Colours);
}
