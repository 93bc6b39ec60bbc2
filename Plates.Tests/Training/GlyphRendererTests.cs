using Plates.Train.Synthesis;

namespace Plates.Tests.Training;

/// <summary>Crops drawn from a font look like the training crops: 20×20, white on black, a narrow glyph filling the height, repeatable by seed.</summary>
[TestClass]
public sealed class GlyphRendererTests
{
    private static GlyphRenderer NewRenderer()
    {
        try
        {
            return new GlyphRenderer(GlyphRenderer.DefaultFonts);
        }
        catch (FileNotFoundException e)
        {
            Assert.Fail($"{e.Message} (scripts/install-deps.sh installs fonts-noto-cjk).");
            throw;
        }
    }

    [TestMethod]
    public void Render_SpecialCharacter_GivesATwentyPixelCropWhoseInkFillsTheHeightAndAboutHalfItsBox()
    {
        using var renderer = NewRenderer();
        var random = new Random(1);
        for (int k = 0; k < 20; k++)
        {
            byte[] crop = renderer.Render("学", random);
            Assert.HasCount(400, crop);
            var (left, top, right, bottom) = InkBounds(crop);
            int height = bottom - top + 1, width = right - left + 1;
            Assert.IsGreaterThanOrEqualTo(18, height, "the glyph fills the crop's height, as in the real crops");
            // Real province crops: ink 0.45–0.72 as wide as tall (10th–90th percentile); turning widens the box a little.
            Assert.IsInRange(0.35, 0.9, width / (double)height);
            double inkShare = crop.Count(p => p > 127) / (double)(width * height);
            Assert.IsInRange(0.25, 0.62, inkShare, "bold but not a blob: the crops' ink covers 40–69 % of its box");
        }
    }

    [TestMethod]
    public void Render_SameSeed_GivesTheSameCrops()
    {
        using var renderer = NewRenderer();
        var a = new Random(7);
        var b = new Random(7);
        for (int k = 0; k < 5; k++) CollectionAssert.AreEqual(renderer.Render("港", a), renderer.Render("港", b));
    }

    [TestMethod]
    public void Render_DifferentCharacters_GiveDifferentCrops()
    {
        using var renderer = NewRenderer();
        byte[] police = renderer.Render("警", new Random(3));
        byte[] learner = renderer.Render("学", new Random(3));
        int differing = police.Zip(learner).Count(p => Math.Abs(p.First - p.Second) > 127);
        Assert.IsGreaterThan(60, differing, "two characters drawn with the same distortions differ in many pixels");
    }

    [TestMethod]
    public void Constructor_FontNotInstalled_ThrowsNamingIt()
    {
        var e = Assert.ThrowsExactly<FileNotFoundException>(() => new GlyphRenderer(["No Such Family 12345:bold"]));
        StringAssert.Contains(e.Message, "No Such Family 12345");
        Assert.ThrowsExactly<FileNotFoundException>(() => new GlyphRenderer(["/nonexistent/font.ttf"]));
    }

    private static (int Left, int Top, int Right, int Bottom) InkBounds(byte[] crop)
    {
        int left = 20, top = 20, right = -1, bottom = -1;
        for (int y = 0; y < 20; y++)
        for (int x = 0; x < 20; x++)
        {
            if (crop[y * 20 + x] <= 127) continue;
            left = Math.Min(left, x); right = Math.Max(right, x);
            top = Math.Min(top, y); bottom = Math.Max(bottom, y);
        }
        return (left, top, right, bottom);
    }
}
