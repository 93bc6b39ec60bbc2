using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Colour;
using Plates.Consume.Segmentation;

namespace Plates.Tests.Segmentation;

[TestClass]
public sealed class PlateBinariserTests
{
    private static readonly PlateColours Colours = new();

    [TestMethod]
    public void Binarise_LooseBoxWithAThirdOfBrightSceneryAtOneEnd_BlanksTheScenery()
    {
        // A white wall beside a blue plate binarises as ink, like the plate's white characters; 190 of 630 columns
        // (30 %) is more scenery than a quarter of the width, as a loose box around a plate on a holder carries.
        using var plate = SegmentationPlates.Draw(SegmentationPlates.Blue, SegmentationPlates.White);
        using var loose = new Mat(plate.Rows, plate.Cols + 190, MatType.CV_8UC3, Scalar.All(235));
        using (var right = new Mat(loose, new Rect(190, 0, plate.Cols, plate.Rows))) plate.CopyTo(right);

        using var binary = new PlateBinariser(new BinariseOptions(), Colours).Binarise(loose, PlateColor.Blue);

        using var scenery = new Mat(binary, new Rect(0, 0, 180, binary.Rows));
        Assert.AreEqual(0, Cv2.CountNonZero(scenery), "the wall's columns are blanked");
        using var characters = new Mat(binary, new Rect(190 + 60, 20, 300, 100));
        Assert.IsGreaterThan(3000, Cv2.CountNonZero(characters), "the characters are kept");
    }

    [TestMethod]
    public void Binarise_PlateShowingItsHueInOnePatchOnly_KeepsItsFirstCharacters()
    {
        // A faded or grey-lit blue plate: its background is blue-grey (saturation under the background mask's floor)
        // except for one saturated patch in the middle, so the columns either side of the patch show no plate hue,
        // though they are plate: its first characters stand there.
        using var plate = SegmentationPlates.Draw(new Scalar(150, 132, 122), SegmentationPlates.White);
        using (var patch = new Mat(plate, new Rect(150, 60, 150, 25))) patch.SetTo(SegmentationPlates.Blue);
        var firstBox = SegmentationPlates.ExpectedBox(0);

        int InkInFirstBox(BinariseOptions options)
        {
            using var binary = new PlateBinariser(options, Colours).Binarise(plate, PlateColor.Blue);
            using var first = new Mat(binary, firstBox);
            return Cv2.CountNonZero(first);
        }

        Assert.IsGreaterThan(500, InkInFirstBox(new BinariseOptions()), "the first character is kept");
        // Without the floor on the hue's share the ends would be taken for scenery and cut.
        Assert.AreEqual(0, InkInFirstBox(new BinariseOptions { MinBackgroundForScenery = 0 }));
    }

    private static void AssertSamePixels(Mat expected, Mat actual, string what)
    {
        using var difference = new Mat();
        Cv2.Absdiff(expected, actual, difference);
        Assert.AreEqual(0, Cv2.CountNonZero(difference), what);
    }

    [TestMethod]
    public void Binarise_WithItsChannel_GivesTheSameImageAndTheChannelOfTheSettledColour()
    {
        // The segmenter cuts the characters from the channel Binarise thresholded: it must be CharacterChannel's.
        var segmenter = new CharacterSegmenter();
        var binariser = segmenter.Binariser;
        foreach (string file in SegmentationPlates.Crops().Take(12))
        {
            using var crop = Cv2.ImRead(file, ImreadModes.Color);
            using var plate = new Mat();
            Cv2.Resize(crop, plate, new Size(segmenter.Options.WorkingWidth, segmenter.Options.WorkingHeight), 0, 0, InterpolationFlags.Cubic);
            foreach (var colour in new[] { PlateColor.Blue, PlateColor.Yellow, PlateColor.Green, PlateColor.White, PlateColor.Black, PlateColor.Unknown })
            {
                string what = $"{Path.GetFileName(file)} as {colour}";
                using var alone = binariser.Binarise(plate, colour);
                using var binary = binariser.Binarise(plate, colour, out var thresholded, out var settled);
                using var channel = thresholded;
                using var expected = binariser.CharacterChannel(plate, settled);

                Assert.AreEqual(ColourClassifier.ResolveColor(plate, colour, segmenter.Options.Colours), settled, what);
                AssertSamePixels(alone, binary, what);
                AssertSamePixels(expected, channel, what);
            }
        }
    }
}
