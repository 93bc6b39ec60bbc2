namespace Plates.Consume.Layout;

/// <summary>Settings of <see cref="LayoutFit.FromCentres"/>: the layout laid onto the centres of found character blobs.</summary>
public sealed record CentreFitOptions
{
    /// <summary>
    /// Scales tried, relative to the one the blob height gives: blob heights come out a little short or tall of the
    /// printed height, and a plate seen from the side is narrower than its character height says; beyond this range
    /// slots would be skipped.
    /// </summary>
    public double MinScale { get; init; } = 0.7;

    /// <inheritdoc cref="MinScale"/>
    public double MaxScale { get; init; } = 1.4;

    /// <summary>A slot holds a blob whose centre lies within this share of the pitch of it.</summary>
    public double Tolerance { get; init; } = 0.25;

    /// <summary>Fewest blobs on slots for a fit to count: four evenly spaced digits fit several slot runs equally well.</summary>
    public int MinInliers { get; init; } = 5;

    /// <summary>Fewest blobs on slots for the layout to be refitted to them by least squares.</summary>
    public int MinRefit { get; init; } = 3;
}

/// <summary>Settings of <see cref="LayoutFit.FromProjection"/>: the layout laid onto a column projection of the character band.</summary>
public sealed record ProjectionFitOptions
{
    /// <summary>
    /// How much narrower than the layout the characters may look (a plate seen from the side), and how much wider (a
    /// loose crop squashed by the locator), relative to the measured character height.
    /// </summary>
    public double MinAspectFactor { get; init; } = 0.7;

    /// <inheritdoc cref="MinAspectFactor"/>
    public double MaxAspectFactor { get; init; } = 2.6;

    /// <summary>Ink (in band-height squares) below which a band is taken to be empty.</summary>
    public double MinInk { get; init; } = 0.5;

    /// <summary>How much worse ink in a gap is than ink in a box is good.</summary>
    public double GapPenalty { get; init; } = 2.0;

    /// <summary>How much ink outside the fitted span counts against it.</summary>
    public double OutsidePenalty { get; init; } = 0.5;

    /// <summary>How strongly the fit prefers the layout's own character aspect over a squeezed or stretched one.</summary>
    public double ScalePriorWeight { get; init; } = 0.05;

    /// <summary>Share of the band's ink the best fit must explain to be believed.</summary>
    public double MinFitShare { get; init; } = 0.3;

    /// <summary>
    /// Width at which the steps below are in pixels; at other widths they are the same share of the plate, never
    /// finer than at this width. EasyPR's 136-pixel plate.
    /// </summary>
    public double ReferenceWidth { get; init; } = 136;

    /// <summary>Step of the scale search, in pixels of row length at <see cref="ReferenceWidth"/>.</summary>
    public double ScaleStep { get; init; } = 0.25;

    /// <summary>Step of the origin search, in pixels at <see cref="ReferenceWidth"/>.</summary>
    public double OriginStep { get; init; } = 0.5;

    /// <summary>
    /// Share of the row that may hang off either end of the image: a fit may put the first or last character partly
    /// outside a tight crop.
    /// </summary>
    public double Overhang { get; init; } = 0.1;
}
