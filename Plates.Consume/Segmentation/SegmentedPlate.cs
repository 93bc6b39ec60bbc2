using OpenCvSharp;

namespace Plates.Consume.Segmentation;

/// <summary>
/// The characters cut from one upright plate image: their boxes in that image (left to right) and each character as a
/// 20×20 grey image, white strokes on black, row-major — the same form as the training crops.
/// </summary>
public sealed record SegmentedPlate(IReadOnlyList<Rect> Boxes, IReadOnlyList<byte[]> Characters)
{
    public int Count => Characters.Count;

    /// <summary>
    /// The last character cut again from boxes moved a little to the left (see
    /// <see cref="CharacterSegmenter.LastCharacterBoxes"/>), in the same form as <see cref="Characters"/>; a reader may
    /// read them too and keep the surest reading.
    /// </summary>
    public IReadOnlyList<byte[]> LastCharacterAlternatives { get; init; } = [];

    /// <summary>
    /// The Chinese character cut again (see <see cref="CharacterSegmenter.ChineseCharacterViews"/>), in the same form as
    /// <see cref="Characters"/>; a reader averages its reading of them with that of the first character.
    /// </summary>
    public IReadOnlyList<byte[]> ChineseCharacterViews { get; init; } = [];
}
