namespace Plates.Consume.Segmentation;

/// <summary>Tuning of <see cref="CharacterSegmenter"/>. The defaults suit plate images of about 20 to 100 pixels height.</summary>
public sealed record SegmenterOptions
{
    /// <summary>
    /// Every plate is resampled to this size before cutting, so that thresholds mean the same thing for a 94×24 crop and
    /// a 136×36 locator output. Twice EasyPR's 136×36: thresholding the characters of an upsampled plate keeps their
    /// strokes apart better (measured: 80 % of the crops read exactly against 77 % at 136×36), at about 20 ms a plate.
    /// </summary>
    public int WorkingWidth { get; init; } = 272;

    public int WorkingHeight { get; init; } = 72;

    /// <summary>Side of the square character images handed to the classifiers.</summary>
    public int CharacterSize { get; init; } = 20;

    /// <summary>Largest baseline tilt corrected, as vertical pixels per horizontal pixel.</summary>
    public double MaxTilt { get; init; } = 0.45;

    /// <summary>Largest character slant corrected, as horizontal pixels per vertical pixel.</summary>
    public double MaxSlant { get; init; } = 0.35;

    /// <summary>
    /// How much narrower than the standard 45:90 the characters may look (a plate seen from the side), and how much wider
    /// (a loose crop squashed by the locator), relative to the measured character height.
    /// </summary>
    public double MinAspectFactor { get; init; } = 0.7;

    public double MaxAspectFactor { get; init; } = 2.6;
}
