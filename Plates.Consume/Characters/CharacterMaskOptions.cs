namespace Plates.Consume.Characters;

/// <summary>Settings of <see cref="CharacterMasks"/> and of the frame lines it clears (<see cref="FrameRemoval.ClearFrameLines"/>).</summary>
public sealed record CharacterMaskOptions
{
    /// <summary>The characters counted to choose between the polarities.</summary>
    public CharacterBoxOptions Boxes { get; init; } = new();

    /// <summary>
    /// The band Otsu's level is taken from, as shares of the patch: from a tenth of the width in and a quarter of the
    /// height down, eight tenths wide and half high. A loose box brings in car body or bumper above and below, and
    /// Otsu over the whole patch would then split plate from car instead of strokes from plate.
    /// </summary>
    public double OtsuBandLeft { get; init; } = 0.1;

    /// <inheritdoc cref="OtsuBandLeft"/>
    public double OtsuBandTop { get; init; } = 0.25;

    /// <inheritdoc cref="OtsuBandLeft"/>
    public double OtsuBandWidth { get; init; } = 0.8;

    /// <inheritdoc cref="OtsuBandLeft"/>
    public double OtsuBandHeight { get; init; } = 0.5;

    /// <summary>
    /// Characters grey must show for the channel minimum not to be tried: a full row but for the Chinese character and
    /// one lost to the frame.
    /// </summary>
    public int FullRow { get; init; } = 5;

    /// <summary>
    /// Whether a patch in which Otsu shows no full row is also thresholded locally (<see cref="CharacterMasks.LocalDarkStrokes"/>)
    /// outside the thorough search: a plate half in shadow, whose shaded half Otsu takes whole for ink (the kinds
    /// photos' learner plate is then located).
    /// </summary>
    public bool ThresholdShadedLocally { get; init; } = true;

    /// <summary>
    /// Grey levels by which one half of a patch must be darker than the other (<see cref="CharacterMasks.ShadowStep"/>)
    /// for <see cref="ThresholdShadedLocally"/> to be tried: only patches a shadow's edge crosses pay for it. (Measured:
    /// the kinds photos' learner plate is located at 15, 25 and 40, not at 60; tried on every patch the local threshold
    /// cost about 4 ms of a photo's median 53 ms of thread time on the scenes, at 25 nothing measurable.)
    /// </summary>
    public double ShadowStep { get; init; } = 25;

    /// <summary>A row whose mean is above this share of full ink is a frame line or bumper edge, not text.</summary>
    public double FrameRowFill { get; init; } = 0.6;

    /// <summary>A column near either end whose mean is above this share of full ink is a frame side.</summary>
    public double FrameColumnFill { get; init; } = 0.7;

    /// <summary>Share of the width, at each end, where frame sides are looked for.</summary>
    public double FrameSideShare { get; init; } = 0.1;

    /// <summary>
    /// Grey levels a stroke must lie below its neighbourhood's mean in <see cref="CharacterMasks.LocalDarkStrokes"/>:
    /// flat areas stay empty.
    /// </summary>
    public double LocalContrast { get; init; } = 6;

    /// <summary>Side of the neighbourhood of <see cref="CharacterMasks.LocalDarkStrokes"/>, as a share of the patch height: about a character.</summary>
    public double LocalBlock { get; init; } = 0.5;
}
