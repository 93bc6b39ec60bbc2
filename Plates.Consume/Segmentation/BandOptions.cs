namespace Plates.Consume.Segmentation;

/// <summary>Settings of <see cref="BandFinder"/>.</summary>
public sealed record BandOptions
{
    /// <summary>
    /// Row crossings needed for a row to count as text: seven characters, most crossed twice or more. Stroke crossings
    /// do not grow with resolution, so the count is the same at every image size.
    /// </summary>
    public int MinRowTransitions { get; init; } = 9;

    /// <summary>Quiet rows a run of text rows may hold and go on: a character's horizontal bar.</summary>
    public int MaxQuietRows { get; init; } = 1;

    /// <summary>Smallest share of the image height the character band may take.</summary>
    public double MinBandFraction { get; init; } = 0.35;

    /// <summary>
    /// Blobs that count as characters when trimming the run: at least this share of the run tall, at most
    /// <see cref="TallMaxHeight"/> of the image (the frame's sides are taller), at most <see cref="TallMaxWidth"/> of
    /// their height wide; at least <see cref="MinTallBlobs"/> of them for their median top and bottom to be used.
    /// </summary>
    public double TallMinHeight { get; init; } = 0.5;

    /// <inheritdoc cref="TallMinHeight"/>
    public double TallMaxHeight { get; init; } = 0.95;

    /// <inheritdoc cref="TallMinHeight"/>
    public double TallMaxWidth { get; init; } = 0.8;

    /// <inheritdoc cref="TallMinHeight"/>
    public int MinTallBlobs { get; init; } = 3;

    /// <summary>
    /// A row at either end of the band with more ink than this share is a frame line the characters touch: text rows
    /// are at most about half ink, even where a row runs along the bars of E, F, T, Z.
    /// </summary>
    public double MaxTextRowFill { get; init; } = 0.55;

    /// <summary>At most this part of the band (a sixth) is trimmed at each end as frame.</summary>
    public int MaxTrimParts { get; init; } = 6;
}
