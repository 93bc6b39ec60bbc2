using Plates.Model.Features;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Features;

/// <summary>
/// The vectorised directional-gradient features equal the scalar ones they replaced
/// (<see cref="ScalarDirectionalGradients"/>) within a tolerance, on every training character as given and as centred:
/// the shipped models were trained on the scalar values. Only the arctangent differs (<see cref="GradientAngles"/>).
/// </summary>
[TestClass]
public sealed class GradientFeaturesEquivalenceTests
{
    private const int Side = CharacterFeatures.Side;

    private static IEnumerable<(string File, float[] Pixels)> TrainingCharacters()
    {
        string root = TestData.RequireDataset("chars");
        foreach (string file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            byte[] grey = CharacterFeatures.DecodeToGrey(File.ReadAllBytes(file));
            yield return (file, grey.Select(b => b / 255f).ToArray());
            Span<byte> centred = stackalloc byte[grey.Length];
            CentredCharacterFeatures.Centre(grey, centred);
            var centredPixels = new float[grey.Length];
            for (int i = 0; i < grey.Length; i++) centredPixels[i] = centred[i] / 255f;
            yield return (file + " (centred)", centredPixels);
        }
    }

    /// <summary>
    /// The features may differ from the scalar form only by what the directions' arctangent differs from
    /// <see cref="MathF.Atan2"/> (<see cref="GradientAngles"/>, within 3e-7 of the true angle). The features are
    /// square roots of vote sums, and a direction one unit either side of a boundary between two directions moves a
    /// share of about 1e-7 of a vote from one to the other, which the root makes up to 3e-4 (the root of 1e-7). So the
    /// squares are compared: within 1e-6, some ten times that share, and far below anything a model tells apart.
    /// </summary>
    private const float Tolerance = 1e-6f;

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        int at = Enumerable.Range(0, expected.Length).FirstOrDefault(i => !(Math.Abs(expected[i] * expected[i] - actual[i] * actual[i]) <= Tolerance), -1);
        if (at >= 0) Assert.Fail($"{what}: value {at} is {actual[at]:R}, the scalar form gives {expected[at]:R}.");
    }

    [TestMethod]
    public void DirectionalGradients_EveryTrainingCharacter_EqualsTheScalarFormWithinTolerance()
    {
        var expected = new float[DirectionalGradients.Length];
        var actual = new float[DirectionalGradients.Length];
        int count = 0;
        foreach (var (file, pixels) in TrainingCharacters())
        {
            ScalarDirectionalGradients.Compute(pixels, Side, expected);
            DirectionalGradients.Compute(pixels, Side, actual);
            AssertClose(expected, actual, file);
            count++;
        }
        Assert.IsGreaterThan(1000, count);
    }

    [TestMethod]
    public void HistogramOfGradients_EveryTrainingCharacter_EqualsTheOneAtan2APixelFormWithinTolerance()
    {
        var actual = new float[CharacterFeatures.HogLength];
        int count = 0;
        foreach (var (file, pixels) in TrainingCharacters())
        {
            HistogramOfGradients.Compute(pixels, Side, CharacterFeatures.HogCellSize, actual);
            var expected = ScalarHogReference.Compute(pixels, Side, CharacterFeatures.HogCellSize);
            // Normalised block values up to 0.2 or so, not square roots: compared as they are.
            int at = Enumerable.Range(0, expected.Length).FirstOrDefault(i => !(Math.Abs(expected[i] - actual[i]) <= 1e-5f), -1);
            if (at >= 0) Assert.Fail($"{file}: value {at} is {actual[at]:R}, the one-Atan2-a-pixel form gives {expected[at]:R}.");
            count++;
        }
        Assert.IsGreaterThan(1000, count);
    }

    [TestMethod]
    public void DirectionalGradients_RandomImages_EqualTheScalarFormWithinTolerance()
    {
        // Grey noise reaches every direction, magnitudes near the 1e-4 cut-off and the angle's wrap at 2π.
        var random = new Random(3);
        var expected = new float[DirectionalGradients.Length];
        var actual = new float[DirectionalGradients.Length];
        for (int n = 0; n < 300; n++)
        {
            var pixels = new float[Side * Side];
            float scale = n % 3 == 0 ? 1e-4f : 1f;
            for (int i = 0; i < pixels.Length; i++) pixels[i] = (float)random.NextDouble() * scale;
            ScalarDirectionalGradients.Compute(pixels, Side, expected);
            DirectionalGradients.Compute(pixels, Side, actual);
            AssertClose(expected, actual, $"random image {n}");
        }
    }
}
