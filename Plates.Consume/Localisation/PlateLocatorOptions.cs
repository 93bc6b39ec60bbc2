using Plates.Consume.Colour;

namespace Plates.Consume.Localisation;

/// <summary>Tuning knobs of <see cref="PlateLocator"/>. The defaults suit street photos of 300–4000 px with plates 60–600 px wide.</summary>
public sealed record PlateLocatorOptions
{
    /// <summary>
    /// Photos wider than this are shrunk before searching, which bounds the cost of every full-image pass. A plate
    /// must keep about <see cref="MinPlateWidth"/> px of length at this width: 1000 px reaches plates of 1/40 of the
    /// photo width (48 px in a 1920 px photo); 800 px already lost several of the scenes set's small plates.
    /// </summary>
    public int WorkingWidth { get; init; } = 1000;

    /// <summary>
    /// Largest working image, in units of WorkingWidth²: a photo of any normal aspect fits in four, while a 2×3000 strip
    /// would otherwise be enlarged to 640×960000 and take gigabytes.
    /// </summary>
    public double MaxWorkingArea { get; init; } = 4.0;

    /// <summary>Smaller photos are enlarged to this width so that the fixed-size morphology kernels mean the same everywhere.</summary>
    public int MinWorkingWidth { get; init; } = 640;

    /// <summary>Smallest plate length, in working-image pixels, worth proposing: shorter, the characters merge into each other.</summary>
    public double MinPlateWidth { get; init; } = 24;

    /// <summary>Largest plate length as a fraction of the working-image width: even close-ups show some car around the plate.</summary>
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

    /// <summary>
    /// At most this many candidates are returned, best first: room for a queue of cars, while a photo full of text or
    /// grilles cannot flood the recogniser.
    /// </summary>
    public int MaxCandidates { get; init; } = 6;

    /// <summary>
    /// Two candidates whose intersection covers this fraction of the smaller one are the same plate; only the better
    /// one is kept.
    /// </summary>
    public double SuppressionOverlap { get; init; } = 0.4;

    /// <summary>
    /// Proposals whose boxes overlap by this intersection over union are judged once. Only near-identical boxes count
    /// as the same: a few pixels more or less can decide whether a character splits from the frame, so similar boxes
    /// are each worth judging.
    /// </summary>
    public double DuplicateIoU { get; init; } = 0.9;

    /// <summary>The plate colours the colour proposals search for and the verifier classes patches by.</summary>
    public PlateColours Colours { get; init; } = PlateColours.Standard;

    /// <summary>How proposals are made from colour and edges.</summary>
    public ProposalOptions Proposals { get; init; } = new();

    /// <summary>How a proposal's patch is measured and scored.</summary>
    public VerifierOptions Verifier { get; init; } = new();
}
