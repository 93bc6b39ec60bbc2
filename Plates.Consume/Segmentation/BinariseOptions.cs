namespace Plates.Consume.Segmentation;

/// <summary>Settings of <see cref="PlateBinariser"/> and <see cref="PlateRegion"/>.</summary>
public sealed record BinariseOptions
{
    /// <summary>Standard deviation of grey, on the plate's centre, below which a plate is taken to be blank: Otsu would still split its noise in two.</summary>
    public double MinContrast { get; init; } = 6;

    /// <summary>
    /// How much more cleanly grey must split a plate with bright characters than the minimum channel to replace it. Near
    /// a tie the minimum is kept: on well-lit plates it separates white from blue best even where grey scores as high.
    /// (Measured: at 1.0 the crops lost three exact plates; 1.05, 1.1 and 1.15 left the scenes and crops as they were,
    /// and found 123, 123 and 122 of the scenes darkened to 65 %, 116, 112 and 108 of those darkened to 50 %.)
    /// </summary>
    public double GreyChannelMargin { get; init; } = 1.1;

    /// <summary>
    /// The plate's centre, on which Otsu's level and the separability are taken, leaves out this part of the width and
    /// of the height at each side (a twentieth, a sixth): frame, bolts and scenery lie there.
    /// </summary>
    public int CentreColumnParts { get; init; } = 20;

    /// <inheritdoc cref="CentreColumnParts"/>
    public int CentreRowParts { get; init; } = 6;

    /// <summary>Share of a column's middle rows that must show the plate's hue for the column to be plate.</summary>
    public double MinPlateColumnShare { get; init; } = 0.15;

    /// <summary>The middle rows a column's hue is counted on: without this share of the height at top and bottom.</summary>
    public double ColumnRowsInset { get; init; } = 0.2;

    /// <summary>How far in from each end scenery beside the plate is looked for, as a share of the width.</summary>
    public double MaxScenery { get; init; } = 0.25;

    /// <summary>Share of a row's middle (without an eighth at each end) that must show the plate's hue for the row to be plate.</summary>
    public double MinPlateRowShare { get; init; } = 0.2;

    /// <summary>The middle of a row whose hue is counted: without this share of the width at each end.</summary>
    public double RowColumnsInset { get; init; } = 0.125;

    /// <summary>Smallest share of the image's height and width a plate region may have; less is a failed guess.</summary>
    public double MinRegionShare { get; init; } = 0.4;

    /// <summary>Margin kept around the plate region, as shares of the width and height: characters of a tight plate may reach its coloured edge.</summary>
    public double RegionMarginX { get; init; } = 0.02;

    /// <inheritdoc cref="RegionMarginX"/>
    public double RegionMarginY { get; init; } = 0.05;
}
