namespace Plates.Consume.Characters;

/// <summary>Settings of <see cref="FrameRemoval.ClearAroundBand"/>: what of a binarised plate is frame once its character band is known.</summary>
public sealed record BandFrameOptions
{
    /// <summary>
    /// Widest and shortest a frame side may be, in character heights: a thin upright that runs on above and below the
    /// characters (a '1' stops with them). At least two pixels wide whatever the band.
    /// </summary>
    public double SideWidth { get; init; } = 0.2;

    /// <inheritdoc cref="SideWidth"/>
    public double SideHeight { get; init; } = 1.1;

    /// <summary>Share of the width, at each end, searched for columns of unbroken frame side.</summary>
    public double SideReach { get; init; } = 0.06;

    /// <summary>Rows beyond the band, above and below, that a frame side's column must reach.</summary>
    public int SideMargin { get; init; } = 1;

    /// <summary>Blobs smaller than this share of a band-height square (and than two pixels) are specks, not strokes.</summary>
    public double MinSpeckArea { get; init; } = 0.005;

    /// <summary>
    /// A remnant of the frame's top or bottom: wider than this many band heights and shorter than
    /// <see cref="LineHeight"/> of one.
    /// </summary>
    public double LineWidth { get; init; } = 1.5;

    /// <inheritdoc cref="LineWidth"/>
    public double LineHeight { get; init; } = 0.3;

    /// <summary>
    /// A sliver of a frame side left at the image's left or right edge: at most this share of a band height wide (and
    /// two pixels), at least <see cref="SliverHeight"/> of one tall.
    /// </summary>
    public double SliverWidth { get; init; } = 0.1;

    /// <inheritdoc cref="SliverWidth"/>
    public double SliverHeight { get; init; } = 0.8;

    /// <summary>
    /// A block of solid ink (<see cref="FrameRemoval.ClearAroundBand"/> clears it): at least this share of its bounding
    /// box inked, wider than <see cref="SolidMinWidth"/> and at least <see cref="SolidMinHeight"/> of a band height tall.
    /// The black holder beside a white plate binarises as one (the police plate of the kinds photos, whose layout fit
    /// then took it for the first character and left 警 out). Measured against no such rule: kinds photos found 10 → 11,
    /// crops exact 188 → 189, the scenes and crops-zj unchanged at 0.9 and 0.95; at 0.85 the scenes lost an exact plate
    /// and crops-zj one, so the stricter 0.95.
    /// </summary>
    public double SolidFill { get; init; } = 0.95;

    /// <summary>Narrowest solid block, in band heights: as wide as the widest stroke of a '1' (<see cref="SideWidth"/>).</summary>
    public double SolidMinWidth { get; init; } = 0.2;

    /// <inheritdoc cref="SolidFill"/>
    public double SolidMinHeight { get; init; } = 0.6;

    /// <summary>
    /// How far inside the last fitted box, as a share of its width, a frame side that stops inside the band may start
    /// (<see cref="FrameRemoval.RightSideStart"/>): the layout puts the frame beyond the last character, while a letter's
    /// right stroke thinned by a dim threshold lies inside its box. Measured against no such rule: crops-zj exact 760 →
    /// 761 of 797 (held-out 385 → 386: `浙AE2Q80`, whose 0 read 1 from a box built on the side), the crops, scenes and
    /// kinds read the same; 0.1 reads the same, at 0.25 the thin right stem of an H (`云A966SH`) was taken for the side.
    /// </summary>
    public double SideInsideLastBox { get; init; } = 0.15;

    /// <summary>
    /// A frame side is at most this share of the plate's stroke width wide (the median run of ink along the band's
    /// rows): the sides of crops-zj are two or three pixels at the working size, the strokes seven or eight. 0.4 and 0.6
    /// read crops-zj and the crops as 0.5.
    /// </summary>
    public double SideStrokeShare { get; init; } = 0.5;

    /// <summary>
    /// A frame side is inked over at least this share of the band's rows in its fullest column: the sides met on
    /// crops-zj cover 0.8–0.9 of it. 0.6 reads crops-zj and the crops the same; at 0.8 `浙AE2Q80` is lost again.
    /// </summary>
    public double SideFill { get; init; } = 0.7;

    /// <summary>
    /// Columns inked over at most this share of the band's rows are gaps between strokes: where a side touches a
    /// character it does so at a corner, a few rows. 0.2 and 0.3 read crops-zj and the crops as 0.25.
    /// </summary>
    public double SideGapFill { get; init; } = 0.25;
}
