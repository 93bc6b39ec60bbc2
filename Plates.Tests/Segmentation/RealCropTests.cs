using Microsoft.ML;
using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Segmentation;
using Plates.Model.Data;
using Plates.Model.Pipelines;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Segmentation;

/// <summary>The segmenter on the 200 real plate crops of the shared data set (file name = plate text).</summary>
[TestClass]
public sealed class RealCropTests
{
    /// <summary>Measured 197 of 200 crops cut into seven plausible characters; a margin for small changes.</summary>
    private const double MinPlausibleRate = 0.95;

    /// <summary>Measured 165 of 200 plates read exactly with the province, city and alnum models; a margin below.</summary>
    private const double MinExactReadRate = 0.78;

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

    [TestMethod]
    public void Segment_AllCropsWithCharacterModels_ReadsMostPlatesExactly()
    {
        var crops = SegmentationPlates.Crops();
        var models = TestData.ShippedModels;
        string[] names = ["province", "city", "alnum"];
        if (!names.All(n => File.Exists(Path.Combine(models, n + ".zip"))))
            Assert.Inconclusive($"The character models are not in {models}.");

        var ml = new MLContext(seed: 1);
        var engines = names
            .Select(n => ml.Model.CreatePredictionEngine<CharacterModelInput, CharacterModelOutput>(
                CharacterModel.Load(ml, Path.Combine(models, n + ".zip"), out _)))
            .ToArray();
        try
        {
            int exact = 0;
            foreach (var file in crops)
            {
                using var crop = Cv2.ImRead(file, ImreadModes.Color);
                var result = _segmenter.Segment(crop, PlateColor.Unknown);
                if (result is not { Count: 7 }) continue;
                var text = string.Concat(result.Characters.Select((c, i) => Read(engines[Math.Min(i, 2)], c)));
                if (text == Path.GetFileNameWithoutExtension(file)) exact++;
            }

            double rate = exact / (double)crops.Length;
            Assert.IsGreaterThanOrEqualTo(MinExactReadRate, rate, $"{exact} of {crops.Length} plates read exactly");
        }
        finally
        {
            foreach (var engine in engines) engine.Dispose();
        }
    }

    private static string Read(PredictionEngine<CharacterModelInput, CharacterModelOutput> engine, byte[] character)
    {
        using var image = new Mat(20, 20, MatType.CV_8UC1);
        image.SetArray(character);
        Cv2.ImEncode(".png", image, out byte[] png);
        return engine.Predict(new CharacterModelInput { ImageSource = png }).PredictedLabel;
    }
}
