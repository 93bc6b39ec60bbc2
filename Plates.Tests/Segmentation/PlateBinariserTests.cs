using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Colour;
using Plates.Consume.Segmentation;

namespace Plates.Tests.Segmentation;

[TestClass]
public sealed class PlateBinariserTests
{
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
