using OpenCvSharp;
using Plates.Consume.Characters;
using Plates.Consume.Segmentation;

namespace Plates.Tests.Segmentation;

/// <summary>
/// The cut of one character into its 20×20 image, and the Chinese character's ink cap: a blurred, bold glyph whose close
/// strokes have run together must come out with its strokes apart.
/// </summary>
[TestClass]
public sealed class CharacterImageCutterTests
{
    private static readonly CharacterImageOptions Options = new();
    private readonly CharacterImageCutter _cutter = new(20, Options);

    /// <summary>Band and box of the glyph in <see cref="BlurredChuan"/>.</summary>
    private static readonly CharacterBand Band = new(0, 59);
    private static readonly Rect GlyphBox = new(8, 4, 41, 52);

    [TestMethod]
    public void Cut_BlurredBoldChineseGlyph_KeepsAtMostTheCappedShareOfInk()
    {
        using var channel = BlurredChuan();
        using var box = new Mat(channel, GlyphBox);
        double otsu;
        using (var ignored = new Mat()) otsu = Cv2.Threshold(box, ignored, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);

        double capped = CharacterImageCutter.LevelLeavingAtMost(box, Options.MaxChineseInkShare);

        // Otsu calls the merged strokes and the grey between them ink, well over the cap; the capped level keeps at most
        // the cap's share, and not much less (the lowest such level).
        Assert.IsGreaterThan(Options.MaxChineseInkShare, InkShare(box, otsu));
        Assert.IsLessThanOrEqualTo(Options.MaxChineseInkShare, InkShare(box, capped));
        Assert.IsGreaterThan(Options.MaxChineseInkShare - 0.05, InkShare(box, capped));
    }

    [TestMethod]
    public void Cut_BlurredBoldChineseGlyph_SeparatesItsStrokesWithTheCapAndNotWithout()
    {
        using var channel = BlurredChuan();

        var capped = _cutter.Cut(channel, Band, GlyphBox, chinese: true);
        var uncapped = _cutter.Cut(channel, Band, GlyphBox, chinese: true, maxChineseInkShare: 1.0);
        var asLetter = _cutter.Cut(channel, Band, GlyphBox, chinese: false);
        Assert.AreEqual(3, StrokesAcrossMiddle(capped), Render(capped));
        Assert.AreEqual(1, StrokesAcrossMiddle(uncapped), Render(uncapped));
        Assert.AreEqual(1, StrokesAcrossMiddle(asLetter), Render(asLetter));
    }

    [TestMethod]
    public void Cut_ChineseGlyphWithTheTrainingCropsInk_IsLeftAsOtsuCutsIt()
    {
        // Strokes apart that cover about half their box, as the training crops' do (54 %): the cap must not thin them.
        using var sharp = new Mat(60, 60, MatType.CV_8UC1, Scalar.All(0));
        foreach (int x in new[] { 11, 24, 37 }) Cv2.Rectangle(sharp, new Rect(x, 8, 8, 44), Scalar.All(250), -1);
        using var channel = new Mat();
        Cv2.GaussianBlur(sharp, channel, new Size(0, 0), 1);
        using var box = new Mat(channel, GlyphBox);
        double otsu;
        using (var ignored = new Mat()) otsu = Cv2.Threshold(box, ignored, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);

        var capped = _cutter.Cut(channel, Band, GlyphBox, chinese: true);
        var uncapped = _cutter.Cut(channel, Band, GlyphBox, chinese: true, maxChineseInkShare: 1.0);
        Assert.AreEqual(0.5, InkShare(box, otsu), 0.04);
        Assert.AreEqual(3, StrokesAcrossMiddle(capped), Render(capped));
        CollectionAssert.AreEqual(uncapped, capped);
    }

    [TestMethod]
    public void Cut_StricterInkShare_PartsStrokesThatBlurMerged()
    {
        // Two bright upright strokes whose gap blur has filled with grey nearly as bright: the usual Chinese level calls
        // the gap ink, the stricter one must not.
        using var channel = new Mat(40, 60, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Rectangle(channel, new Rect(20, 8, 20, 24), Scalar.All(150), -1);
        Cv2.Rectangle(channel, new Rect(20, 8, 8, 24), Scalar.All(250), -1);
        Cv2.Rectangle(channel, new Rect(32, 8, 8, 24), Scalar.All(250), -1);
        var band = new CharacterBand(4, 35);
        var box = new Rect(14, 4, 32, 32);

        var usual = _cutter.Cut(channel, band, box, chinese: true);
        var strict = _cutter.Cut(channel, band, box, chinese: true, maxChineseInkShare: Options.StrictChineseInkShare);

        Assert.IsGreaterThan(200, (int)usual[10 * 20 + 10], "usual cut: the gap is ink");
        Assert.IsLessThan(50, (int)strict[10 * 20 + 10], "stricter cut: the gap is background");
        Assert.IsGreaterThan(200, (int)strict[10 * 20 + 3], "stricter cut: the left stroke stays");
    }

    [TestMethod]
    public void Cut_TallBlock_FillsFullHeightCentred()
    {
        using var image = new Mat(36, 136, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Rectangle(image, new Rect(50, 5, 10, 20), Scalar.All(255), -1);

        var pixels = _cutter.Cut(image, new Rect(45, 2, 20, 30));

        Assert.HasCount(400, pixels);
        // Ink 10×20 padded to 20×20: columns 5..14 white from top to bottom, the rest black.
        for (int y = 0; y < 20; y++)
        {
            Assert.IsGreaterThan(200, (int)pixels[y * 20 + 10]);
            Assert.IsLessThan(50, (int)pixels[y * 20 + 2]);
            Assert.IsLessThan(50, (int)pixels[y * 20 + 17]);
        }
    }

    /// <summary>
    /// 川 as a blurred plate shows it: three bold upright strokes 9 px wide and 4 px apart, bright on a dark channel,
    /// blurred until the gaps between them are grey about two thirds as bright as the strokes.
    /// </summary>
    private static Mat BlurredChuan()
    {
        using var sharp = new Mat(60, 60, MatType.CV_8UC1, Scalar.All(0));
        foreach (int x in new[] { 11, 24, 37 }) Cv2.Rectangle(sharp, new Rect(x, 8, 9, 44), Scalar.All(250), -1);
        var blurred = new Mat();
        Cv2.GaussianBlur(sharp, blurred, new Size(0, 0), 3.5);
        return blurred;
    }

    private static double InkShare(Mat grey, double level)
    {
        using var binary = new Mat();
        Cv2.Threshold(grey, binary, level, 255, ThresholdTypes.Binary);
        return Cv2.CountNonZero(binary) / (double)binary.Total();
    }

    /// <summary>Runs of ink along the middle row of a 20×20 character image.</summary>
    private static int StrokesAcrossMiddle(byte[] image)
    {
        int runs = 0;
        bool inside = false;
        for (int x = 0; x < 20; x++)
        {
            bool ink = image[10 * 20 + x] > 128;
            if (ink && !inside) runs++;
            inside = ink;
        }
        return runs;
    }

    private static string Render(byte[] image) =>
        "\n" + string.Join("\n", Enumerable.Range(0, 20).Select(y => new string(Enumerable.Range(0, 20).Select(x => image[y * 20 + x] > 128 ? '#' : '.').ToArray())));
}
