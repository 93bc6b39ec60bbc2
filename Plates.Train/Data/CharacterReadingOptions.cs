namespace Plates.Train.Data;

/// <summary>What <see cref="CharacterFolderReader"/> takes for a character image, and which class folders it reads.</summary>
public sealed record CharacterReadingOptions
{
    /// <summary>
    /// Largest image taken for a character crop: 1,000,000 pixels. Every image of <c>chars/</c> is 20×20, and a
    /// character cut from a plate that fills the width of a 3840-pixel photo is about 390×790 (GA 36: 45×90 mm
    /// characters on a 440 mm plate), a third of this. The features are computed on a 20×20 shrink, so a larger image
    /// only costs decoding time (issue 9: a 10000×10000 image made a city run take 24 s instead of 2 s).
    /// </summary>
    public long MaxPixels { get; init; } = 1_000_000;

    /// <summary>
    /// Largest file read, so a file is never read into memory beyond what <see cref="MaxPixels"/> allows: 4 bytes a
    /// pixel (an uncompressed 32-bit bitmap, the largest form such an image takes) plus 64 KB of headers and metadata.
    /// </summary>
    public long MaxFileBytes => MaxPixels * 4 + 64 * 1024;

    /// <summary>
    /// Also read class folders whose name is not a label of the set, under their folder name (evaluation counts them as
    /// classes the model does not know); by default they are skipped and listed, as training does.
    /// </summary>
    public bool ReadFoldersOutsideLabelSet { get; init; }
}
