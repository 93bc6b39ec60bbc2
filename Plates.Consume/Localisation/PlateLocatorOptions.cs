namespace Plates.Consume.Localisation;

/// <summary>Tuning knobs of <see cref="PlateLocator"/>. The defaults suit street photos of 300–4000 px with plates 60–600 px wide.</summary>
public sealed class PlateLocatorOptions
{
    /// <summary>
    /// Photos wider than this are shrunk before searching. 1000 px keeps a 60 px plate in a 4000 px photo at about
    /// 15 px tall — still enough for its characters to separate — while bounding the cost of every full-image pass.
    /// </summary>
    public int WorkingWidth { get; init; } = 1000;

    /// <summary>Smaller photos are enlarged to this width so that the fixed-size morphology kernels mean the same everywhere.</summary>
    public int MinWorkingWidth { get; init; } = 640;

    /// <summary>Smallest plate length, in working-image pixels, worth proposing.</summary>
    public double MinPlateWidth { get; init; } = 24;

    /// <summary>Largest plate length as a fraction of the working-image width (close-ups fill at most most of the frame).</summary>
    public double MaxPlateWidthFraction { get; init; } = 0.8;

    /// <summary>
    /// Accepted length/height ratio of the rotated box. A Chinese plate is 440×140 mm (3.14); perspective, a loose box or
    /// the plate frame push real boxes between about 2 and 6.
    /// </summary>
    public double MinAspect { get; init; } = 1.8;

    /// <inheritdoc cref="MinAspect"/>
    public double MaxAspect { get; init; } = 6.5;

    /// <summary>
    /// Fewest character-shaped blobs a candidate must show. Three tolerates a province character broken into strokes,
    /// a dot or bolt merged with a neighbour and a box clipping the row, yet lights, grilles and blank panels rarely reach it.
    /// </summary>
    public int MinCharacterBlobs { get; init; } = 3;

    /// <summary>Candidates scoring below this are dropped as lights, grilles, signs or text.</summary>
    public double MinScore { get; init; } = 0.5;

    /// <summary>At most this many candidates are returned, best first.</summary>
    public int MaxCandidates { get; init; } = 4;

    /// <summary>
    /// Two candidates whose intersection covers this fraction of the smaller one are the same plate; only the better
    /// one is kept.
    /// </summary>
    public double SuppressionOverlap { get; init; } = 0.4;
}
