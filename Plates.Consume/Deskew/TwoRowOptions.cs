namespace Plates.Consume.Deskew;

/// <summary>
/// Settings of <see cref="TwoRowPlate"/>: the geometry of a two-row plate (yellow rear plates of lorries and buses:
/// 440×220 mm, province and city letter 60 mm tall above five characters 110 mm tall, at an 80 mm pitch).
/// </summary>
public sealed record TwoRowOptions
{
    /// <summary>Characters the lower row shows: five, or four with one end lost.</summary>
    public int MinLowerCharacters { get; init; } = 4;

    /// <inheritdoc cref="MinLowerCharacters"/>
    public int MaxLowerCharacters { get; init; } = 5;

    /// <summary>The lower row's pitch, in its character heights: 80 mm for 110 mm characters, give or take perspective.</summary>
    public double MinPitch { get; init; } = 0.55;

    /// <inheritdoc cref="MinPitch"/>
    public double MaxPitch { get; init; } = 0.95;

    /// <summary>
    /// Lay the rows on the layout's slots rather than on their ink (off by default: measured and left out, README
    /// "Two-row plates laid on slots"). The lower row then leaves out boxes off its line (<see cref="MaxOffRow"/>: a
    /// dark holder beside the plate), ends at its end characters' slots rather than their ink (a thin 1 at an end kept
    /// off the edge), and is completed where a character was lost on the side whose slot holds about as much stroke
    /// as the row's; the upper row's strokes are centred where a one-row plate has the middle of its first two
    /// characters (<see cref="TwoRowPlate.UpperSlots"/>), not the middle of the output left of the split. On the scene
    /// <c>粤AK9331</c> (a holder joined to its K, another standing beside its 1) the whole lower row is then read and
    /// the segmenter fits all seven characters, but the whole, blurred upper 粤 reads 晋; on the three two-row photos
    /// altered twelve ways by <c>scripts/probes.sh --set</c> readings within one error rose from 18 to 28 of 36, exact
    /// ones fell from 15 to 11 and first characters from 21 to 17 (the upper row's reading moves with its place).
    /// </summary>
    public bool LayOnSlots { get; init; }

    /// <summary>
    /// With <see cref="LayOnSlots"/>, how far a lower-row box's top or bottom may lie from the row's (the median of
    /// the boxes'), in the row's character heights; a box further off is not a character of the row (a dark holder or
    /// lamp beside the plate stands higher and taller). The row's own boxes lie within a tenth of it.
    /// </summary>
    public double MaxOffRow { get; init; } = 0.25;

    /// <summary>
    /// Widest and narrowest gap between neighbouring lower-row characters, in pitches: a one-row plate's dot leaves one
    /// gap 1.4 pitches wide.
    /// </summary>
    public double MaxGap { get; init; } = 1.25;

    /// <inheritdoc cref="MaxGap"/>
    public double MinGap { get; init; } = 0.75;

    /// <summary>
    /// The band above the lower row the upper row's strokes are looked for in: 0.1–0.65 lower-row heights above it,
    /// leaving a tenth of the row's length out at each end.
    /// </summary>
    public double BandFrom { get; init; } = 0.1;

    /// <inheritdoc cref="BandFrom"/>
    public double BandTo { get; init; } = 0.65;

    /// <inheritdoc cref="BandFrom"/>
    public double BandInset { get; init; } = 0.1;

    /// <summary>
    /// Share of that band the strokes cover on a two-row plate: a one-row plate has a plain margin or car body there
    /// (less), a bright body thresholded as stroke covers more.
    /// </summary>
    public double MinBandInk { get; init; } = 0.12;

    /// <inheritdoc cref="MinBandInk"/>
    public double MaxBandInk { get; init; } = 0.6;

    /// <summary>Margin around the lower row, in its character heights.</summary>
    public double LowerMargin { get; init; } = 0.15;

    /// <summary>
    /// The upper row's box: this share of the lower row's length wide, centred on its strokes, from
    /// <see cref="UpperTop"/> lower-row heights above the lower row's top, <see cref="UpperHeight"/> of them high.
    /// </summary>
    public double UpperWidth { get; init; } = 0.8;

    /// <inheritdoc cref="UpperWidth"/>
    public double UpperTop { get; init; } = 0.75;

    /// <inheritdoc cref="UpperWidth"/>
    public double UpperHeight { get; init; } = 0.7;
}
