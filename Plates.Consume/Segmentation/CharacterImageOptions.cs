namespace Plates.Consume.Segmentation;

/// <summary>Settings of <see cref="CharacterImageCutter"/> and of the other cuts of the first and last characters.</summary>
public sealed record CharacterImageOptions
{
    /// <summary>
    /// Share of the Chinese character's box the threshold may call ink: blur merges a Chinese character's close strokes
    /// into blobs, and Otsu then calls most of the box ink, while the training crops' strokes cover about 54 % of their
    /// ink box. A level leaving at most that much keeps the strokes apart (measured: first character 92.2 % to 94.5 % on
    /// the scenes, 92.0 % to 93.0 % on the crops).
    /// </summary>
    public double MaxChineseInkShare { get; init; } = 0.55;

    /// <summary>The stricter ink share of the second Chinese cut (<see cref="CharacterSegmenter.ChineseCharacterViews"/>): thinner strokes than the usual cut's.</summary>
    public double StrictChineseInkShare { get; init; } = 0.45;

    /// <summary>How far each side of the Chinese character's box is moved out for the wider view, as a share of its width.</summary>
    public double ChineseWidening { get; init; } = 0.15;

    /// <summary>How far the last box's left and right edges are moved out for its other cuts, as shares of its width.</summary>
    public IReadOnlyList<(double Left, double Right)> LastCharacterWidenings { get; init; } = [(0.15, 0), (0.1, 0.1)];

    /// <summary>How much wider than the standard plate the training crops' characters are.</summary>
    public double TrainingStretch { get; init; } = 1.1;

    /// <summary>Narrowest and widest aspect correction applied: beyond, the measured pitch is wrong rather than the plate stretched.</summary>
    public double MinWidthScale { get; init; } = 0.4;

    /// <inheritdoc cref="MinWidthScale"/>
    public double MaxWidthScale { get; init; } = 2.0;

    /// <summary>A blob under this part (a 25th) of the box's largest blob is a speck (and under two pixels always).</summary>
    public int SpeckParts { get; init; } = 25;

    /// <summary>
    /// A blob touching the box's side, at most this part (a sixth) of the box wide and under
    /// <see cref="SliverAreaParts"/> (a third) of the largest blob, is a piece of a neighbour or of the frame.
    /// </summary>
    public int SliverWidthParts { get; init; } = 6;

    /// <inheritdoc cref="SliverWidthParts"/>
    public int SliverAreaParts { get; init; } = 3;

    /// <summary>
    /// A letter or digit keeps only blobs that overlap its largest blob's columns by this share of their own width: what
    /// lies beside it is the frame edge or a neighbour's sliver that a widened '1' box takes in.
    /// </summary>
    public double MinAnchorOverlap { get; init; } = 0.5;
}
