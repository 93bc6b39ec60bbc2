using OpenCvSharp;

namespace Plates.Consume.Segmentation;

public sealed partial class CharacterSegmenter
{
    /// <summary>
    /// Cuts one character out of the cleaned binary plate in the form of the training crops (EasyPR's preprocessChar):
    /// the tight box of its ink, centred in a black square of the larger side, resized to
    /// <see cref="SegmenterOptions.CharacterSize"/> squared. Specks and slivers of the neighbours that reach into the box
    /// are dropped first so they do not widen the tight box. Returns row-major grey bytes.
    /// </summary>
    public byte[] ToCharacterImage(Mat cleaned, Rect box, bool chinese = false, double widthScale = 1)
    {
        var clipped = box.Intersect(new Rect(0, 0, cleaned.Cols, cleaned.Rows));
        if (clipped.Width <= 0 || clipped.Height <= 0) return new byte[_options.CharacterSize * _options.CharacterSize];
        using var roi = new Mat(cleaned, clipped);
        return Normalise(Binary.ToBits(roi), clipped.Width, clipped.Height, chinese, widthScale);
    }

    /// <summary>
    /// Like <see cref="ToCharacterImage(Mat, Rect, bool, double)"/>, but thresholds the box afresh (Otsu on <paramref name="channel"/>,
    /// the grey image in which characters are bright) instead of reusing the plate-wide binary: one level for the whole
    /// plate loses thin strokes where the light is dim, and the Chinese character, the most detailed, suffers most.
    /// Rows outside <paramref name="band"/> are left out so the frame does not come back.
    /// </summary>
    /// <param name="chinese">
    /// The Chinese character keeps all its sizeable pieces; a letter or digit keeps only what lies above or below its
    /// largest blob, which drops the frame edge or a neighbour's sliver that a widened '1' box takes in.
    /// </param>
    /// <param name="widthScale">
    /// Horizontal stretch applied to the ink before padding: undoes a plate image squeezed or stretched sideways (see
    /// <see cref="AspectCorrection"/>), since the classifiers learnt characters of one aspect.
    /// </param>
    /// <param name="maxChineseInkShare">
    /// For the Chinese character: the largest share of the box the threshold may call ink (see
    /// <see cref="ChineseCharacterViews"/>); ignored for the other characters.
    /// </param>
    public byte[] ToCharacterImage(Mat channel, CharacterBand band, Rect box, bool chinese = false, double widthScale = 1,
        double maxChineseInkShare = MaxChineseInkShare)
    {
        var clipped = box.Intersect(new Rect(0, band.Top, channel.Cols, band.Height));
        if (clipped.Width <= 0 || clipped.Height <= 0) return new byte[_options.CharacterSize * _options.CharacterSize];
        using var roi = new Mat(channel, clipped);
        using var binary = new Mat();
        double otsu = Cv2.Threshold(roi, binary, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        if (chinese)
        {
            // Blur merges a Chinese character's close strokes into blobs, and Otsu then calls most of the box ink. The
            // training crops' strokes cover about 54 % of their ink box: a level leaving at most that much keeps the
            // strokes apart (measured: first character 92.2 % to 94.5 % on the scenes, 92.0 % to 93.0 % on the crops).
            double capped = LevelLeavingAtMost(roi, maxChineseInkShare);
            if (capped > otsu) Cv2.Threshold(roi, binary, capped, 255, ThresholdTypes.Binary);
        }
        return Normalise(Binary.ToBits(binary), clipped.Width, clipped.Height, chinese, widthScale);
    }

    /// <summary>Share of the Chinese character's box that may be ink; about that of the training crops' ink box.</summary>
    public const double MaxChineseInkShare = 0.55;

    /// <summary>The lowest level above which at most <paramref name="share"/> of the pixels of a grey image lie.</summary>
    private static double LevelLeavingAtMost(Mat grey, double share)
    {
        using var continuous = grey.Clone();
        continuous.GetArray(out byte[] pixels);
        var histogram = new int[256];
        foreach (byte p in pixels) histogram[p]++;
        int allowed = (int)(share * pixels.Length), above = 0;
        for (int level = 255; level > 0; level--)
        {
            // Pixels strictly above `level - 1` are those at `level` or higher.
            if (above + histogram[level] > allowed) return level;
            above += histogram[level];
        }
        return 0;
    }

    private byte[] Normalise(byte[] bits, int width, int height, bool chinese, double widthScale)
    {
        int size = _options.CharacterSize;
        var labels = new int[width * height];
        var components = Binary.Label(bits, width, height, new Rect(0, 0, width, height), labels);
        int largest = components.Count == 0 ? 0 : components.Max(c => c.Area);
        var keep = components.Select(c => IsPartOfCharacter(c, width, height, largest)).ToArray();
        if (!chinese && components.Count > 0)
        {
            var anchor = components.MaxBy(c => c.Area).Bounds;
            for (int i = 0; i < components.Count; i++)
            {
                var b = components[i].Bounds;
                int overlap = Math.Min(b.Right, anchor.Right) - Math.Max(b.Left, anchor.Left);
                if (overlap < 0.5 * b.Width) keep[i] = false;
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

        using var kept = Binary.ToMat(bits, width, height);
        var ink = new Rect(minX, minY, maxX - minX + 1, maxY - minY + 1);
        using var tight = new Mat(kept, ink);
        // Pad to a square of the larger side and shrink to size: done as one resize into the centre of a black square.
        double scaledWidth = Math.Max(1, ink.Width * widthScale);
        double fit = size / Math.Max(scaledWidth, ink.Height);
        int targetWidth = Math.Clamp((int)Math.Round(scaledWidth * fit), 1, size);
        int targetHeight = Math.Clamp((int)Math.Round(ink.Height * fit), 1, size);
        using var resized = new Mat(size, size, MatType.CV_8UC1, Scalar.All(0));
        using (var target = new Mat(resized, new Rect((size - targetWidth) / 2, (size - targetHeight) / 2, targetWidth, targetHeight)))
            Cv2.Resize(tight, target, new Size(targetWidth, targetHeight), 0, 0, InterpolationFlags.Linear);
        resized.GetArray(out byte[] pixels);
        return pixels;
    }

    /// <summary>
    /// Whether a blob inside a character box belongs to the character: not a speck, and not a thin piece of a neighbour
    /// or of the frame clipped by the box's side.
    /// </summary>
    private static bool IsPartOfCharacter(Component c, int width, int height, int largest)
    {
        if (c.Area < Math.Max(2, largest / 25)) return false;
        bool touchesSide = c.Bounds.Left == 0 || c.Bounds.Right == width;
        bool sliver = c.Bounds.Width <= Math.Max(1, width / 6) && c.Area < largest / 3;
        return !(touchesSide && sliver);
    }
}
