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

    /// <summary>
    /// How far in from each end scenery beside the plate is looked for, as a share of the width: a locator's loose box
    /// can carry more than a quarter of the width of holder or car body at one end. (Measured against 0.25, with
    /// <see cref="MinBackgroundForScenery"/>: kinds photos exact 9 → 10, crops-zj's held-out half exact 383 → 384, first
    /// character 397 → 398, found 407 → 408; the scenes and crops unchanged. At 0.35 without that floor a faded blue
    /// plate of the scenes lost its first characters: exact 120 → 119.)
    /// </summary>
    public double MaxScenery { get; init; } = 0.35;

    /// <summary>
    /// Share of the middle rows' pixels that must show the plate's hue before its absence at the ends is taken for
    /// scenery: a faded or grey-lit plate shows its hue in patches only (a blue one of the scenes: 8 %), and its ends
    /// would be cut into its characters.
    /// </summary>
    public double MinBackgroundForScenery { get; init; } = 0.2;

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

    /// <summary>
    /// Plates whose background changes across the plate by design: the new-energy plate's green fades from near white
    /// at the top to green at the bottom. Their character channel is flattened before thresholding
    /// (<see cref="BackgroundKernelShare"/>), since one level would keep the characters on one end of the fade and lose
    /// them on the other; and they are not cut to the rows their hue covers (<see cref="PlateRegion"/>), since their pale
    /// top shows little hue and was cut away with the characters' tops.
    /// </summary>
    public IReadOnlySet<PlateColor> GradientColours { get; init; } = new HashSet<PlateColor> { PlateColor.Green };

    /// <summary>
    /// Side of the square the background is estimated over (a grey opening of the channel in which the characters are
    /// bright, which keeps what is wider than the strokes and drops the strokes), as a share of the image height:
    /// strokes are about an eighth of the character band, a quarter of the height clears them with room to spare.
    /// </summary>
    public double BackgroundKernelShare { get; init; } = 0.25;

    /// <summary>
    /// Plates with bright characters whose special Chinese characters are red (black embassy and consulate plates):
    /// those are cut from the maximum channel (<see cref="PlateBinariser.ChineseCharacterChannel"/>).
    /// </summary>
    public IReadOnlySet<PlateColor> RedCharacterColours { get; init; } = new HashSet<PlateColor> { PlateColor.Black };
}
