using OpenCvSharp;
using Plates.Consume.Layout;

namespace Plates.Consume.Segmentation;

/// <summary>
/// The characters cut from one upright plate image on one layout: their boxes in that image (left to right) and each
/// character as a 20×20 grey image, white strokes on black, row-major — the same form as the training crops.
/// </summary>
public sealed record SegmentedPlate(IReadOnlyList<Rect> Boxes, IReadOnlyList<byte[]> Characters)
{
    public int Count => Characters.Count;

    /// <summary>The layout the characters were cut on.</summary>
    public PlateLayout Layout { get; init; } = PlateLayout.StandardSingleRow;

    /// <summary>
    /// Share of the character band's ink that falls inside the layout's boxes (0–1): near 1 when the layout explains
    /// the plate; a character the layout has no place for (an eighth one, a suffix outside a shorter row) lowers it.
    /// </summary>
    public double FitShare { get; init; } = 1;

    /// <summary>
    /// The last character cut again from boxes moved a little to the left (see
    /// <see cref="CharacterSegmenter.LastCharacterBoxes"/>), in the same form as <see cref="Characters"/>; a reader may
    /// read them too and keep the surest reading.
    /// </summary>
    public IReadOnlyList<byte[]> LastCharacterAlternatives { get; init; } = [];

    /// <summary>
    /// The last character cut again from its box carried to the right edge of the layout's box for it, where that
    /// reaches further and the cut found ink beyond the box (see <see cref="CharacterSegmenter.LastCharacterReach"/>);
    /// null otherwise. In the same form as <see cref="Characters"/>.
    /// </summary>
    public byte[]? LastCharacterReach { get; init; }

    /// <summary>
    /// Every position a Chinese character may stand at, with its Chinese cuts (see
    /// <see cref="CharacterSegmenter.ChineseCharacterViews"/>): the usual one first (for position 0, the same as
    /// <see cref="Characters"/>[0]), then a stricter and a wider one; a reader averages its readings of them.
    /// </summary>
    public IReadOnlyDictionary<int, IReadOnlyList<byte[]>> ChineseCuts { get; init; } = new Dictionary<int, IReadOnlyList<byte[]>>();

    /// <summary>The Chinese cuts of position 0 after the usual one (empty when none were made).</summary>
    public IReadOnlyList<byte[]> ChineseCharacterViews =>
        ChineseCuts.TryGetValue(0, out var cuts) ? cuts.Skip(1).ToArray() : [];
}
