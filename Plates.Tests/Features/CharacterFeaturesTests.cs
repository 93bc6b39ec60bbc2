using OpenCvSharp;
using Plates.Model.Features;

namespace Plates.Tests.Features;

[TestClass]
public sealed class CharacterFeaturesTests
{
    private static byte[] VerticalBar()
    {
        var grey = new byte[CharacterFeatures.Side * CharacterFeatures.Side];
        for (int y = 2; y < 18; y++)
            for (int x = 9; x < 12; x++) grey[y * CharacterFeatures.Side + x] = 255;
        return grey;
    }

    [TestMethod]
    public void HogLength_MatchesWhatTheHogWrites()
    {
        Assert.AreEqual(CharacterFeatures.HogLength, HistogramOfGradients.Length(CharacterFeatures.Side, CharacterFeatures.HogCellSize));
    }

    [TestMethod]
    public void Compute_BlankImage_GivesZeroGradientFeatures()
    {
        var features = CharacterFeatures.Compute(new byte[400]);

        Assert.HasCount(CharacterFeatures.Length, features);
        Assert.IsTrue(features.All(f => f == 0f));
    }

    [TestMethod]
    public void Hog_VerticalBar_PutsMostWeightOnHorizontalGradients()
    {
        var pixels = VerticalBar().Select(b => b / 255f).ToArray();
        var hog = new float[CharacterFeatures.HogLength];

        HistogramOfGradients.Compute(pixels, CharacterFeatures.Side, CharacterFeatures.HogCellSize, hog);

        // Bins are 20° wide starting at 0°: a vertical edge has a horizontal gradient, 0° or 180°, so bins 0 and 8.
        var perBin = new float[HistogramOfGradients.Bins];
        for (int i = 0; i < hog.Length; i++) perBin[i % HistogramOfGradients.Bins] += hog[i];
        Assert.IsGreaterThan(0.6f * perBin.Sum(), perBin[0] + perBin[8]);
    }

    [TestMethod]
    public void Compute_CentredSet_IsRefusedRatherThanComputedAsFull()
    {
        var features = new float[CharacterFeatures.Length];

        var error = Assert.ThrowsExactly<ArgumentException>(() => CharacterFeatures.Compute(VerticalBar(), features, CharacterFeatureSet.Centred));

        StringAssert.Contains(error.Message, nameof(CentredCharacterFeatures));
    }

    [TestMethod]
    public void Compute_PixelsSet_LeavesEverythingAfterThePixelsZero()
    {
        var features = new float[CharacterFeatures.Length];

        CharacterFeatures.Compute(VerticalBar(), features, CharacterFeatureSet.Pixels);

        Assert.IsTrue(features.Skip(400).All(f => f == 0f));
        Assert.AreEqual(1f, features[5 * 20 + 10]);
    }

    [TestMethod]
    public void Compute_ShiftedCharacter_ChangesDirectionalFeaturesLessThanPixels()
    {
        byte[] bar = VerticalBar();
        byte[] shifted = new byte[bar.Length];
        for (int y = 0; y < 20; y++)
            for (int x = 1; x < 20; x++) shifted[y * 20 + x] = bar[y * 20 + x - 1];
        var a = CharacterFeatures.Compute(bar);
        var b = CharacterFeatures.Compute(shifted);

        double Change(int start, int length) =>
            Enumerable.Range(start, length).Sum(i => Math.Abs(a[i] - b[i])) / Enumerable.Range(start, length).Sum(i => Math.Abs(a[i]) + 1e-9);

        int directional = CharacterFeatures.Length - DirectionalGradients.Length;
        Assert.IsLessThan(Change(0, 400), Change(directional, DirectionalGradients.Length));
    }

    [TestMethod]
    public void DecodeToGrey_AnySizeAndFormat_GivesTwentyByTwentyPixels()
    {
        using var colour = new Mat(37, 23, MatType.CV_8UC3, new Scalar(10, 200, 30));
        Cv2.ImEncode(".png", colour, out byte[] png);

        var grey = CharacterFeatures.DecodeToGrey(png);

        Assert.HasCount(400, grey);
    }

    [TestMethod]
    public void DecodeToGrey_NotAnImage_ThrowsInvalidData()
    {
        Assert.ThrowsExactly<InvalidDataException>(() => CharacterFeatures.DecodeToGrey([1, 2, 3, 4]));
        Assert.ThrowsExactly<InvalidDataException>(() => CharacterFeatures.DecodeToGrey([]));
    }
}
