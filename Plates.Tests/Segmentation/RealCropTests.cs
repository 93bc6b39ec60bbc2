using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Segmentation;

namespace Plates.Tests.Segmentation;

/// <summary>The segmenter on the 200 real plate crops of the shared data set (file name = plate text).</summary>
[TestClass]
public sealed class RealCropTests
{
    /// <summary>Measured 199 of 200 crops cut into seven plausible characters; a margin for small changes.</summary>
    private const double MinPlausibleRate = 0.97;

    private readonly CharacterSegmenter _segmenter = new();

    [TestMethod]
    [DataRow("皖A11885")]
    [DataRow("皖A22U82")]
    [DataRow("皖A3U861")]
    [DataRow("浙D335DZ")]
    public void Segment_RealCrop_ReturnsSevenCharacters(string plateText)
    {
        var file = SegmentationPlates.Crops().FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == plateText);
        if (file is null) Assert.Inconclusive($"{plateText}.jpg is not in the crops data set.");
        using var crop = Cv2.ImRead(file, ImreadModes.Color);

        var result = _segmenter.Segment(crop, PlateColor.Blue);

        Assert.IsNotNull(result);
        Assert.IsTrue(SegmentationPlates.IsPlausible(result), string.Join(" ", result.Boxes));
        Assert.IsTrue(result.Boxes.All(b => b.Right <= crop.Width + 1 && b.Bottom <= crop.Height + 1));
    }

    [TestMethod]
    public void Segment_AllCropsColourUnknown_CutsSevenPlausibleCharactersFromMost()
    {
        var crops = SegmentationPlates.Crops();
        int plausible = 0;
        foreach (var file in crops)
        {
            using var crop = Cv2.ImRead(file, ImreadModes.Color);
            var result = _segmenter.Segment(crop, PlateColor.Unknown);
            if (result is not null && SegmentationPlates.IsPlausible(result)) plausible++;
        }

        double rate = plausible / (double)crops.Length;
        Assert.IsGreaterThanOrEqualTo(MinPlausibleRate, rate, $"{plausible} of {crops.Length} crops cut into seven plausible characters");
    }
}
