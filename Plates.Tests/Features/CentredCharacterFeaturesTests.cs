using Microsoft.ML;
using Plates.Model.Data;
using Plates.Model.Features;
using Plates.Model.Labels;
using Plates.Model.Pipelines;
using Plates.Tests.TestSupport;
using Plates.Tests.Training;
using Plates.Train.Training;

namespace Plates.Tests.Features;

[TestClass]
public sealed class CentredCharacterFeaturesTests
{
    private const int Side = CharacterFeatures.Side;

    /// <summary>A 3-pixel-wide vertical bar from row 2 to 17 whose left column is <paramref name="left"/>.</summary>
    private static byte[] Bar(int left)
    {
        var grey = new byte[Side * Side];
        for (int y = 2; y < 18; y++)
            for (int x = left; x < left + 3; x++) grey[y * Side + x] = 255;
        return grey;
    }

    private static (double X, double Y) Centroid(ReadOnlySpan<float> image)
    {
        double m = 0, mx = 0, my = 0;
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++) { m += image[y * Side + x]; mx += image[y * Side + x] * x; my += image[y * Side + x] * y; }
        return (mx / m, my / m);
    }

    [TestMethod]
    public void Centre_OffCentreBar_MovesItsCentroidToTheImageCentre()
    {
        var image = Bar(left: 2).Select(b => b / 255f).ToArray();

        CharacterNormaliser.Centre(image, Side);

        var (x, y) = Centroid(image);
        Assert.AreEqual(9.5, x, 0.01);
        Assert.AreEqual(9.5, y, 0.01);
        // A move of 6.5 pixels: the bar is shared between columns 8..11 (0.5, 1, 1, 0.5) and keeps its ink.
        Assert.AreEqual(16 * 3, image.Sum(), 0.01);
    }

    /// <summary>What lets a classifier predict a shifted copy once: it centres to the same bytes, so it has the same features.</summary>
    [TestMethod]
    public void CentreBytes_BarShiftedByAWholePixel_GivesTheSameBytesAndFeatures()
    {
        var centred = new byte[Side * Side];
        var shiftedCentred = new byte[Side * Side];

        CentredCharacterFeatures.Centre(Bar(left: 6), centred);
        CentredCharacterFeatures.Centre(Bar(left: 7), shiftedCentred);

        CollectionAssert.AreEqual(centred, shiftedCentred);
        CollectionAssert.AreEqual(CentredCharacterFeatures.Compute(Bar(left: 6)), CentredCharacterFeatures.Compute(Bar(left: 7)));
        CollectionAssert.AreNotEqual(Bar(left: 6), centred);
    }

    /// <summary>What lets a classifier key a character by its centred bytes and compute its features from them alone.</summary>
    [TestMethod]
    public void ComputeOfCentred_CentredBytes_GivesTheFeaturesOfTheImageToTheBit()
    {
        var random = new Random(11);
        foreach (var grey in new[] { Bar(left: 6), Bar(left: 3) }.Concat(Enumerable.Range(0, 20).Select(_ =>
                     Enumerable.Range(0, Side * Side).Select(_ => (byte)(random.Next(3) == 0 ? random.Next(256) : 0)).ToArray())))
        {
            var centred = new byte[Side * Side];
            CentredCharacterFeatures.Centre(grey, centred);
            var ofCentred = new float[CentredCharacterFeatures.Length];

            CentredCharacterFeatures.ComputeOfCentred(centred, ofCentred);

            CollectionAssert.AreEqual(CentredCharacterFeatures.Compute(grey).Select(BitConverter.SingleToInt32Bits).ToArray(),
                ofCentred.Select(BitConverter.SingleToInt32Bits).ToArray());
        }
    }

    [TestMethod]
    public void Centre_BlankImage_StaysBlank()
    {
        var image = new float[Side * Side];

        CharacterNormaliser.Centre(image, Side);

        Assert.IsTrue(image.All(v => v == 0f));
    }

    [TestMethod]
    public void Compute_SameCharacterShifted_GivesTheSameFeatures()
    {
        // Centring first makes a whole-pixel shift of the character disappear from every feature.
        var a = CentredCharacterFeatures.Compute(Bar(left: 5));
        var b = CentredCharacterFeatures.Compute(Bar(left: 11));

        Assert.HasCount(CentredCharacterFeatures.Length, a);
        for (int i = 0; i < a.Length; i++) Assert.AreEqual(a[i], b[i], 1e-6f, $"feature {i}");
    }

    [TestMethod]
    public void Compute_IsDeterministic()
    {
        var grey = new byte[Side * Side];
        new Random(5).NextBytes(grey);

        CollectionAssert.AreEqual(CentredCharacterFeatures.Compute(grey), CentredCharacterFeatures.Compute(grey));
    }

    [TestMethod]
    public void Compute_FirstPart_IsTheFirstContractOnTheCentredImageWithSquareRootedHog()
    {
        byte[] bar = Bar(left: 3);
        var image = bar.Select(b => b / 255f).ToArray();
        CharacterNormaliser.Centre(image, Side);
        var expected = CharacterFeatures.Compute(image.Select(v => (byte)Math.Clamp(MathF.Round(v * 255f), 0, 255)).ToArray());

        var features = CentredCharacterFeatures.Compute(bar);

        int hogEnd = CentredCharacterFeatures.HogOffset + CharacterFeatures.HogLength;
        for (int i = 0; i < CharacterFeatures.Length; i++)
        {
            float want = i >= CentredCharacterFeatures.HogOffset && i < hogEnd ? MathF.Sqrt(expected[i]) : expected[i];
            Assert.AreEqual(want, features[i], 1e-6f, $"feature {i}");
        }
    }

    [TestMethod]
    public void Lbp_BlankImage_CountsEveryPixelAsTheFlatCode()
    {
        var lbp = new float[LocalBinaryPatterns.Length];

        LocalBinaryPatterns.Compute(new byte[Side * Side], Side, lbp);

        // Code 0 (no neighbour brighter) is uniform bin 0. The top-left 10×10 window holds inner pixels 1..9 × 1..9 =
        // 81 of its 100, so sqrt(0.81); every other bin is empty.
        Assert.AreEqual(0.9f, lbp[0], 1e-6f);
        // The middle window lies wholly inside: all 100 pixels.
        Assert.AreEqual(1f, lbp[4 * LocalBinaryPatterns.Codes], 1e-6f);
        for (int window = 0; window < LocalBinaryPatterns.Grid * LocalBinaryPatterns.Grid; window++)
            for (int bin = 1; bin < LocalBinaryPatterns.Codes; bin++)
                Assert.AreEqual(0f, lbp[window * LocalBinaryPatterns.Codes + bin]);
    }

    [TestMethod]
    public void Lbp_Bins_NumberTheFiftyEightUniformCodesAndPoolTheRest()
    {
        Assert.AreEqual(0, LocalBinaryPatterns.Bin(0b0000_0000));
        Assert.AreEqual(57, LocalBinaryPatterns.Bin(0b1111_1111));
        Assert.AreEqual(LocalBinaryPatterns.Codes - 1, LocalBinaryPatterns.Bin(0b0101_0101));
        Assert.AreEqual(58, Enumerable.Range(0, 256).Select(LocalBinaryPatterns.Bin).Where(b => b < LocalBinaryPatterns.Codes - 1).Distinct().Count());
    }

    [TestMethod]
    public void Lbp_VerticalEdge_LandsInEdgeCodesNotTheFlatOne()
    {
        var lbp = new float[LocalBinaryPatterns.Length];

        LocalBinaryPatterns.Compute(Bar(left: 9), Side, lbp);

        // Pixels left of the bar see its three right-hand neighbours brighter: code 0b0001_1100, a uniform code.
        int edge = LocalBinaryPatterns.Bin(0b0001_1100);
        Assert.AreNotEqual(LocalBinaryPatterns.Codes - 1, edge);
        Assert.IsGreaterThan(0f, lbp[4 * LocalBinaryPatterns.Codes + edge]);
    }

    [TestMethod]
    public void CentredModel_SavesUnderContractV2_AndLoadsInAFreshContext()
    {
        using var temp = new TempFolder();
        string[] labels = ["A", "H", "K", "X"];
        SyntheticCharacters.Write(temp.Combine("city"), labels, perClass: 20);
        var options = new TrainingOptions { MinimumPerClass = 0, Features = CharacterFeatureSet.Centred };

        var outcome = TrainingRun.Run(LabelSets.City, temp.Combine("city"), temp.Combine("out"), options);

        Assert.IsGreaterThanOrEqualTo(0.9, outcome.Report.MicroAccuracy);
        using (var zip = System.IO.Compression.ZipFile.OpenRead(outcome.ModelPath))
        {
            bool named = zip.Entries.Any(e =>
            {
                using var stream = e.Open();
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                return System.Text.Encoding.UTF8.GetString(memory.ToArray()).Contains(CentredFeaturizer.ContractName)
                    || System.Text.Encoding.Unicode.GetString(memory.ToArray()).Contains(CentredFeaturizer.ContractName);
            });
            Assert.IsTrue(named, "the saved model names contract v2");
        }
        var mlContext = new MLContext(seed: 3);
        var model = CharacterModel.Load(mlContext, outcome.ModelPath, out _);
        using var engine = mlContext.Model.CreatePredictionEngine<CharacterModelInput, CharacterModelOutput>(model);
        using var glyph = SyntheticCharacters.Draw("K", new Random(123));
        OpenCvSharp.Cv2.ImEncode(".png", glyph, out byte[] png);
        Assert.AreEqual("K", engine.Predict(new CharacterModelInput { ImageSource = png }).PredictedLabel);
    }

    [TestMethod]
    public void ContractNames_FirstContractStaysRegisteredBesideTheSecond()
    {
        // The names are stored in the shipped .zip files: renaming either would stop them loading.
        var registered = typeof(CharacterFeaturizer).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(Microsoft.ML.Transforms.CustomMappingFactoryAttributeAttribute), false))
            .Cast<Microsoft.ML.Transforms.CustomMappingFactoryAttributeAttribute>().Select(a => a.ContractName).ToArray();
        CollectionAssert.IsSubsetOf(new[] { "PlateCharacterFeatures.v1", "PlateCharacterFeatures.v2" }, registered);
    }
}
