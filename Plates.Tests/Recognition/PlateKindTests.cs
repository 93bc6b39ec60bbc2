using OpenCvSharp;
using Plates.Consume.Layout;
using Plates.Consume.Recognition;
using Plates.Tests.Layout;
using Plates.Tests.Segmentation;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>
/// Each layout on a plate drawn by the test, read with the shipped models: the kind the recogniser reports is the
/// format that fits the drawing, and the text has that format's length.
/// </summary>
[TestClass]
public sealed class PlateKindTests
{
    private static readonly Scalar Ink = Scalar.All(25);

    [TestMethod]
    public void RecognisePlateImage_SevenCharacterBluePlate_IsAStandardPlate()
    {
        using var plate = FormatPlates.Draw(PlateLayout.StandardSingleRow, "京A12345", SegmentationPlates.Blue, SegmentationPlates.White);
        var read = SharedRecogniser.Instance.RecognisePlateImage(plate);

        Assert.IsNotNull(read);
        Assert.AreEqual(PlateKind.Standard, read.Kind);
        Assert.AreEqual("A12345", read.Text[1..], read.Text);
    }

    [TestMethod]
    public void RecognisePlateImage_EightCharacterGreenPlate_IsASmallNewEnergyPlateReadInFull()
    {
        using var plate = FormatPlates.Draw(PlateLayout.NewEnergy, "京AD12345", FormatPlates.Green, Ink);
        var read = SharedRecogniser.Instance.RecognisePlateImage(plate);

        Assert.IsNotNull(read);
        Assert.AreEqual(PlateKind.NewEnergySmall, read.Kind, read.Text);
        Assert.AreEqual("AD12345", read.Text[1..], "eight characters, the third D");
    }

    [TestMethod]
    public void RecognisePlateImage_EightCharacterGreenPlateEndingInF_IsALargeNewEnergyPlate()
    {
        using var plate = FormatPlates.Draw(PlateLayout.NewEnergy, "京A12345F", FormatPlates.Green, Ink);
        var read = SharedRecogniser.Instance.RecognisePlateImage(plate);

        Assert.IsNotNull(read);
        Assert.AreEqual(PlateKind.NewEnergyLarge, read.Kind, read.Text);
        Assert.AreEqual("A12345F", read.Text[1..]);
    }

    [TestMethod]
    [DataRow("京A1234学", PlateKind.Learner, "yellow")]
    [DataRow("京A1234挂", PlateKind.Trailer, "yellow")]
    [DataRow("京A1234警", PlateKind.Police, "white")]
    public void RecognisePlateImage_PlateEndingInAChineseCharacter_IsReadWithItAndItsKind(string text, PlateKind kind, string background)
    {
        // A police plate has its dot after the province (PlateLayout.Police).
        var layout = kind == PlateKind.Police ? PlateLayout.Police : PlateLayout.StandardSingleRow;
        using var plate = FormatPlates.Draw(layout, text, background == "white" ? SegmentationPlates.White : SegmentationPlates.Yellow, Ink);
        var read = SharedRecogniser.Instance.RecognisePlateImage(plate);

        Assert.IsNotNull(read);
        Assert.AreEqual(kind, read.Kind, read.Text);
        Assert.AreEqual(text[1..], read.Text[1..], "the last character is the Chinese one, not a letter or digit");
    }

    [TestMethod]
    [DataRow("京A1234临")] // a Chinese last character no format has
    [DataRow("京A12临34")] // a Chinese character where no format has one
    public void RecognisePlateImage_PlateOfAKindTheFormatsDoNotKnow_IsReturnedUnsure(string text)
    {
        using var plate = FormatPlates.Draw(PlateLayout.StandardSingleRow, text, SegmentationPlates.Blue, SegmentationPlates.White);
        var read = SharedRecogniser.Instance.RecognisePlateImage(plate);

        Assert.IsNotNull(read, "the best format's reading is returned");
        Assert.IsTrue(read.IsLowConfidence, $"{read.Text} ({read.Kind}) at {read.Confidence:F2}: a plate no format explains is not sure");
    }

    [TestMethod]
    public void RecognisePlateImage_EmbassyPlate_IsReadWithItsFirstCharacterAndSixDigits()
    {
        using var plate = FormatPlates.Draw(PlateLayout.Embassy, "使123456", SegmentationPlates.Black, SegmentationPlates.White);
        var read = SharedRecogniser.Instance.RecognisePlateImage(plate);

        Assert.IsNotNull(read);
        Assert.AreEqual(PlateKind.Embassy, read.Kind, read.Text);
        Assert.AreEqual("使123456", read.Text);
    }

    [TestMethod]
    public void Recognise_PhotoOfATwoRowYellowPlate_IsATwoRowPlateReadUpperRowFirst()
    {
        using var plate = TwoRow("京A", "12345");
        using var scene = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(110));
        using (var small = new Mat())
        {
            Cv2.Resize(plate, small, new Size(176, 88), 0, 0, InterpolationFlags.Area);
            using var target = new Mat(scene, new Rect(232, 260, 176, 88));
            small.CopyTo(target);
        }
        var read = SharedRecogniser.Instance.Recognise(scene).Plates.SingleOrDefault();

        Assert.IsNotNull(read, "the plate is found");
        Assert.AreEqual(PlateKind.TwoRow, read.Kind, read.Text);
        Assert.AreEqual("A12345", read.Text[1..]);
    }

    /// <summary>
    /// A yellow rear plate in two rows (440×220 mm at one pixel per millimetre): the province and city letter, 60 mm
    /// tall, side by side above the middle, and five characters 110 mm tall at an 80 mm pitch below.
    /// </summary>
    private static Mat TwoRow(string upper, string lower)
    {
        var plate = new Mat(220, 440, MatType.CV_8UC3, SegmentationPlates.Yellow);
        Cv2.Rectangle(plate, new Rect(3, 3, 434, 214), Ink, 3);
        var upperCharacters = System.Globalization.StringInfo.GetTextElementEnumerator(upper);
        int i = 0;
        while (upperCharacters.MoveNext()) FormatPlates.DrawCharacter(plate, (string)upperCharacters.Current, new Rect(150 + 95 * i++, 16, 45, 60), Ink);
        for (int k = 0; k < lower.Length; k++) FormatPlates.DrawCharacter(plate, lower[k].ToString(), new Rect(32 + 80 * k, 95, 60, 110), Ink);
        return plate;
    }
}
