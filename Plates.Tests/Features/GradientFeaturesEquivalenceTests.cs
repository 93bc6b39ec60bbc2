using System.Runtime.InteropServices;
using Plates.Model.Features;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Features;

/// <summary>
/// The vectorised directional-gradient features equal the scalar ones they replaced
/// (<see cref="ScalarDirectionalGradients"/>) to the bit, on every training character as given and as centred: the
/// shipped models were trained on the scalar values and would read differently on any other.
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

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        if (MemoryMarshal.AsBytes(expected.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual.AsSpan()))) return;
        int at = Enumerable.Range(0, expected.Length).First(i => BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]));
        Assert.Fail($"{what}: value {at} is {actual[at]:R}, the scalar form gives {expected[at]:R}.");
    }

    [TestMethod]
    public void DirectionalGradients_EveryTrainingCharacter_EqualsTheScalarFormToTheBit()
    {
        var expected = new float[DirectionalGradients.Length];
        var actual = new float[DirectionalGradients.Length];
        int count = 0;
        foreach (var (file, pixels) in TrainingCharacters())
        {
            ScalarDirectionalGradients.Compute(pixels, Side, expected);
            DirectionalGradients.Compute(pixels, Side, actual);
            AssertSameBits(expected, actual, file);
            count++;
        }
        Assert.IsGreaterThan(1000, count);
    }

    [TestMethod]
    public void DirectionalGradients_RandomImages_EqualTheScalarFormToTheBit()
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
            AssertSameBits(expected, actual, $"random image {n}");
        }
    }
}
