using Plates.Model.Features;

namespace Plates.Tests.Features;

[TestClass]
public sealed class GradientAnglesTests
{
    /// <summary>Gradients of every direction and size, the axes among them: a grid of x and y over several scales.</summary>
    private static (float[] Ys, float[] Xs) Grid()
    {
        var ys = new List<float>();
        var xs = new List<float>();
        foreach (float scale in new[] { 1e-3f, 0.37f, 1f, 6f })
            for (int i = -40; i <= 40; i++)
                for (int j = -40; j <= 40; j++)
                {
                    if (i == 0 && j == 0) continue;
                    ys.Add(i * scale / 40);
                    xs.Add(j * scale / 40 + (j % 3) * 1e-4f * scale);
                }
        return ([.. ys], [.. xs]);
    }

    [TestMethod]
    public void Atan2_EveryDirection_IsWithinThreeTenMillionthsOfTheTrueAngle()
    {
        var (ys, xs) = Grid();
        var angles = new float[xs.Length];

        GradientAngles.Atan2(ys, xs, angles);

        double worst = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double exact = Math.Atan2(ys[i], xs[i]);
            // Relative to the angle's size but never finer than float's spacing near π.
            worst = Math.Max(worst, Math.Abs(angles[i] - exact) / Math.Max(Math.Abs(exact), 0.5));
        }
        Assert.IsLessThan(3e-7, worst, $"worst relative error {worst:E2}");
    }

    [TestMethod]
    public void Atan2_SpanOfAnyLength_GivesEachLaneWhatTheOneAngleFormGivesToTheBit()
    {
        var random = new Random(5);
        foreach (int length in new[] { 1, 7, 8, 9, 31, 900 })
        {
            var ys = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            var xs = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            var angles = new float[length];

            GradientAngles.Atan2(ys, xs, angles);

            for (int i = 0; i < length; i++)
                Assert.AreEqual(BitConverter.SingleToInt32Bits(GradientAngles.Atan2(ys[i], xs[i])), BitConverter.SingleToInt32Bits(angles[i]), $"{length} angles, lane {i}");
        }
    }

    [TestMethod]
    public void Atan2_OnTheAxes_GivesTheQuadrantsEnds()
    {
        float[] ys = [0f, -0f, 0f, 1f, -1f, 2f];
        float[] xs = [-1f, -1f, 1f, 0f, 0f, 2f];
        var angles = new float[ys.Length];

        GradientAngles.Atan2(ys, xs, angles);

        // The signed zero decides between π and −π, as MathF.Atan2 does.
        CollectionAssert.AreEqual(new[] { MathF.PI, -MathF.PI, 0f, MathF.PI / 2, -MathF.PI / 2, MathF.PI / 4 }, angles);
    }
}
