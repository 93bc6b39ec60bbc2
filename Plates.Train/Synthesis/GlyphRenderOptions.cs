namespace Plates.Train.Synthesis;

/// <summary>
/// How <see cref="GlyphRenderer"/> turns a font's glyph into a character crop like the training crops; the defaults
/// were chosen by measuring the real crops of <c>chars/province</c> (300 drawn at random, binarised at half level and
/// trimmed to their ink).
/// </summary>
public sealed record GlyphRenderOptions
{
    /// <summary>Side of the square the glyph is drawn in, in pixels: large enough that the later shrink, not the font's hinting, decides the strokes.</summary>
    public int CanvasSize { get; init; } = 128;

    /// <summary>Font size, as a share of <see cref="CanvasSize"/>; the glyph is centred on its ink afterwards.</summary>
    public double TextSize { get; init; } = 0.78;

    /// <summary>
    /// Width over height of the drawn ink after squeezing. Plate characters stand in 45×90 mm boxes, far narrower than a
    /// font's square glyphs; the province crops' ink measured 0.45 / 0.58 / 0.72 (10th / 50th / 90th percentile), so each
    /// glyph is squeezed to a width drawn from this range.
    /// </summary>
    public double MinAspect { get; init; } = 0.45;

    /// <inheritdoc cref="MinAspect"/>
    public double MaxAspect { get; init; } = 0.72;

    /// <summary>
    /// Extra stroke width drawn around the glyph's outline, as a share of the canvas, at most: plate glyphs are bold.
    /// The crops' ink covers 40 / 54 / 69 % of its box (10th / 50th / 90th percentile); Noto Sans CJK Bold squeezed to
    /// the aspect above covers about 40 %, so outlines are widened by up to this much to reach the crops' range.
    /// </summary>
    public double MaxExtraStroke { get; init; } = 0.02;

    /// <summary>Largest rotation either way, in degrees: what is left after a plate's deskew (as the trainer's augmentation).</summary>
    public double MaxRotationDegrees { get; init; } = 6;

    /// <summary>Largest horizontal shear either way (x shift per unit of y): the slant a side view leaves.</summary>
    public double MaxShear { get; init; } = 0.12;

    /// <summary>
    /// Height in pixels the glyph is shrunk to before it is binarised, drawn between these: the characters of a plate in
    /// a street photo or a 94×24 crop are 12 to 40 pixels tall, and that loss of detail is what the classifier meets.
    /// </summary>
    public int MinCaptureHeight { get; init; } = 16;

    /// <inheritdoc cref="MinCaptureHeight"/>
    public int MaxCaptureHeight { get; init; } = 40;

    /// <summary>Largest Gaussian blur at capture size, in pixels (sigma): defocus and motion soften strokes before thresholding.</summary>
    public double MaxBlurSigma { get; init; } = 0.8;

    /// <summary>Largest shift of the binarisation level from Otsu's, either way, in grey levels: thinner or bolder cuts.</summary>
    public double MaxLevelShift { get; init; } = 30;

    /// <summary>
    /// Largest share of the ink's box the binarisation may call ink, as the segmenter caps a Chinese character's cut
    /// (its <c>MaxChineseInkShare</c>, 0.55, about the crops' median): a blurred small glyph otherwise becomes a blob.
    /// </summary>
    public double MaxInkShare { get; init; } = 0.55;

    /// <summary>Side of the finished crop: the classifiers' 20×20.</summary>
    public int OutputSize { get; init; } = 20;
}
