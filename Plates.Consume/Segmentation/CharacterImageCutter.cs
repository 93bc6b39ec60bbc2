using System.Buffers;
using OpenCvSharp;
using Plates.Consume.Characters;
using Plates.Consume.Imaging;

namespace Plates.Consume.Segmentation;

/// <summary>
/// Cuts one character out of a plate in the form of the training crops (EasyPR's preprocessChar): the tight box of its
/// ink, centred in a black square of the larger side, resized to <see cref="SegmenterOptions.CharacterSize"/> squared.
/// Specks and slivers of the neighbours that reach into the box are dropped first so they do not widen the tight box.
/// </summary>
public sealed class CharacterImageCutter
{
    private readonly int _size;
    private readonly CharacterImageOptions _options;

    public CharacterImageCutter(int characterSize, CharacterImageOptions options)
    {
        if (characterSize < 4) throw new ArgumentException("Character size must be at least 4.", nameof(characterSize));
        _size = characterSize;
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The character from the cleaned binary plate, as row-major grey bytes.</summary>
    public byte[] Cut(Mat cleaned, Rect box, bool chinese = false, double widthScale = 1)
    {
        var clipped = box.Intersect(new Rect(0, 0, cleaned.Cols, cleaned.Rows));
        if (clipped.Width <= 0 || clipped.Height <= 0) return new byte[_size * _size];
        using var roi = new Mat(cleaned, clipped);
        return Normalise(BinaryBits.FromMat(roi), clipped.Width, clipped.Height, chinese, widthScale, out _);
    }

    /// <summary>
    /// Like <see cref="Cut(Mat, Rect, bool, double)"/>, but thresholds the box afresh (Otsu on <paramref name="channel"/>,
    /// the grey image in which characters are bright) instead of reusing the plate-wide binary: one level for the whole
    /// plate loses thin strokes where the light is dim, and the Chinese character, the most detailed, suffers most.
    /// Rows outside <paramref name="band"/> are left out so the frame does not come back.
    /// </summary>
    /// <param name="chinese">
    /// The Chinese character keeps all its sizeable pieces, and its level leaves at most
    /// <paramref name="maxChineseInkShare"/> of the box ink; a letter or digit keeps only what lies above or below its
    /// largest blob, which drops the frame edge or a neighbour's sliver that a widened '1' box takes in.
    /// </param>
    /// <param name="widthScale">
    /// Horizontal stretch applied to the ink before padding: undoes a plate image squeezed or stretched sideways (see
    /// <c>CharacterSegmenter.AspectCorrection</c>), since the classifiers learnt characters of one aspect.
    /// </param>
    /// <param name="maxChineseInkShare">
    /// For the Chinese character: the largest share of the box the threshold may call ink; null for
    /// <see cref="CharacterImageOptions.MaxChineseInkShare"/>. Ignored for the other characters.
    /// </param>
    public byte[] Cut(Mat channel, CharacterBand band, Rect box, bool chinese = false, double widthScale = 1, double? maxChineseInkShare = null) =>
        Cut(channel, band, box, chinese, widthScale, maxChineseInkShare, out _);

    /// <inheritdoc cref="Cut(Mat, CharacterBand, Rect, bool, double, double?)"/>
    /// <param name="ink">The box of the ink kept, in <paramref name="channel"/> coordinates; empty when none was.</param>
    public byte[] Cut(Mat channel, CharacterBand band, Rect box, bool chinese, double widthScale, double? maxChineseInkShare, out Rect ink)
    {
        ink = default;
        var clipped = box.Intersect(new Rect(0, band.Top, channel.Cols, band.Height));
        if (clipped.Width <= 0 || clipped.Height <= 0) return new byte[_size * _size];
        using var roi = new Mat(channel, clipped);
        using var binary = new Mat();
        double otsu = Cv2.Threshold(roi, binary, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        if (chinese)
        {
            double capped = LevelLeavingAtMost(roi, maxChineseInkShare ?? _options.MaxChineseInkShare);
            if (capped > otsu) Cv2.Threshold(roi, binary, capped, 255, ThresholdTypes.Binary);
        }
        var image = Normalise(BinaryBits.FromMat(binary), clipped.Width, clipped.Height, chinese, widthScale, out var kept);
        if (kept.Width > 0) ink = new Rect(clipped.X + kept.X, clipped.Y + kept.Y, kept.Width, kept.Height);
        return image;
    }

    /// <summary>The lowest level above which at most <paramref name="share"/> of the pixels of a grey image lie.</summary>
    public static double LevelLeavingAtMost(Mat grey, double share)
    {
        using var continuous = grey.Clone();
        continuous.GetArray(out byte[] pixels);
        return Histogram.LevelLeavingAtMost(Histogram.OfBytes(pixels), share);
    }

    /// <param name="ink">The box of the ink kept, in the box's coordinates; empty when none was.</param>
    private byte[] Normalise(byte[] bits, int width, int height, bool chinese, double widthScale, out Rect ink)
    {
        int[] pooled = ArrayPool<int>.Shared.Rent(width * height);
        try
        {
            return Normalise(bits, width, height, chinese, widthScale, pooled.AsSpan(0, width * height), out ink);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(pooled);
        }
    }

    /// <param name="labels">Room for the blob labels of the box (width×height).</param>
    private byte[] Normalise(byte[] bits, int width, int height, bool chinese, double widthScale, Span<int> labels, out Rect ink)
    {
        ink = default;
        int size = _size;
        var components = Blobs.Find(bits, width, height, new Rect(0, 0, width, height), labels);
        int largest = components.Length == 0 ? 0 : components.Max(c => c.Area);
        var keep = components.Select(c => IsPartOfCharacter(c, width, largest)).ToArray();
        if (!chinese && components.Length > 0)
        {
            var anchor = components[FirstInScan(labels, components, largest)].Bounds;
            for (int i = 0; i < components.Length; i++)
            {
                var b = components[i].Bounds;
                int overlap = Math.Min(b.Right, anchor.Right) - Math.Max(b.Left, anchor.Left);
                if (overlap < _options.MinAnchorOverlap * b.Width) keep[i] = false;
            }
        }

        int minX = width, maxX = -1, minY = height, maxY = -1;
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            int i = y * width + x;
            if (labels[i] == 0 || !keep[labels[i] - 1])
            {
                bits[i] = 0;
                continue;
            }
            minX = Math.Min(minX, x);
            maxX = Math.Max(maxX, x);
            minY = Math.Min(minY, y);
            maxY = Math.Max(maxY, y);
        }
        if (maxX < 0) return new byte[size * size];

        using var kept = BinaryBits.ToMat(bits, width, height);
        ink = new Rect(minX, minY, maxX - minX + 1, maxY - minY + 1);
        using var tight = new Mat(kept, ink);
        return FitToSquare(tight, size, widthScale);
    }

    /// <summary>
    /// A character's tight box of ink (single channel, white on black) as the models' square: padded to a square of its
    /// larger side and shrunk to <paramref name="size"/>, as one resize into the centre of a black square; row-major
    /// bytes. <paramref name="widthScale"/> stretches it sideways first (<see cref="CharacterSegmenter.AspectCorrection(IReadOnlyList{Rect}, Characters.CharacterBand, Layout.PlateLayout)"/>).
    /// Training's altered copies are fitted the same way.
    /// </summary>
    public static byte[] FitToSquare(Mat tight, int size, double widthScale = 1)
    {
        ArgumentNullException.ThrowIfNull(tight);
        double scaledWidth = Math.Max(1, tight.Cols * widthScale);
        double fit = size / Math.Max(scaledWidth, tight.Rows);
        int targetWidth = Math.Clamp((int)Math.Round(scaledWidth * fit), 1, size);
        int targetHeight = Math.Clamp((int)Math.Round(tight.Rows * fit), 1, size);
        using var resized = new Mat(size, size, MatType.CV_8UC1, Scalar.All(0));
        using (var target = new Mat(resized, new Rect((size - targetWidth) / 2, (size - targetHeight) / 2, targetWidth, targetHeight)))
            Cv2.Resize(tight, target, new Size(targetWidth, targetHeight), 0, 0, InterpolationFlags.Linear);
        resized.GetArray(out byte[] pixels);
        return pixels;
    }

    /// <summary>
    /// The index of the largest blob, of those of <paramref name="area"/> pixels the one a row-by-row scan meets first:
    /// the anchor a letter's other blobs are judged against, the same whichever order the labelling numbered them in.
    /// </summary>
    private static int FirstInScan(ReadOnlySpan<int> labels, IReadOnlyList<Component> components, int area)
    {
        foreach (int label in labels)
        {
            if (label != 0 && components[label - 1].Area == area) return label - 1;
        }
        return 0;
    }

    /// <summary>
    /// Whether a blob inside a character box belongs to the character: not a speck, and not a thin piece of a neighbour
    /// or of the frame clipped by the box's side.
    /// </summary>
    private bool IsPartOfCharacter(Component c, int width, int largest)
    {
        if (c.Area < Math.Max(2, largest / _options.SpeckParts)) return false;
        bool touchesSide = c.Bounds.Left == 0 || c.Bounds.Right == width;
        bool sliver = c.Bounds.Width <= Math.Max(1, width / _options.SliverWidthParts) && c.Area < largest / _options.SliverAreaParts;
        return !(touchesSide && sliver);
    }
}
