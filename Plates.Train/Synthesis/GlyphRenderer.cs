using OpenCvSharp;
using Plates.Consume.Segmentation;
using SkiaSharp;

namespace Plates.Train.Synthesis;

/// <summary>
/// Draws characters from fonts and turns them into crops like the training crops (20×20, white strokes on black, the
/// ink's box centred in the square): squeezed to a plate character's narrow box, turned and slanted a little, shrunk to
/// the size a camera captures them at, blurred, binarised at a level near Otsu's, cut to the ink. For classes no real
/// crop exists of (使 领 警 学 挂 港 澳): fonts carry every Chinese character, plates use a bold sans-serif one.
/// Thread-unsafe (it holds Skia objects); one per thread.
/// </summary>
public sealed class GlyphRenderer : IDisposable
{
    /// <summary>The faces used when none are named: Noto Sans CJK SC (Debian's fonts-noto-cjk, SIL Open Font Licence), bold and regular.</summary>
    public static IReadOnlyList<string> DefaultFonts { get; } = ["Noto Sans CJK SC:bold", "Noto Sans CJK SC:regular"];

    private readonly SKTypeface[] _faces;
    private readonly GlyphRenderOptions _options;

    /// <param name="fonts">
    /// Each a font file (<c>path</c>, or <c>path#index</c> for one face of a collection) or an installed family
    /// (<c>family:bold</c>, <c>family:regular</c>).
    /// </param>
    /// <exception cref="FileNotFoundException">A named font file or family is not installed; the message names it.</exception>
    public GlyphRenderer(IReadOnlyList<string> fonts, GlyphRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        if (fonts.Count == 0) throw new ArgumentException("At least one font is needed.", nameof(fonts));
        _options = options ?? new GlyphRenderOptions();
        var faces = new List<SKTypeface>();
        try
        {
            foreach (string font in fonts) faces.Add(Resolve(font));
        }
        catch
        {
            foreach (var face in faces) face.Dispose();
            throw;
        }
        _faces = faces.ToArray();
        Fonts = _faces.Select(f => $"{f.FamilyName} {f.FontStyle.Weight}").ToArray();
    }

    /// <summary>The faces drawn from, as family and weight.</summary>
    public IReadOnlyList<string> Fonts { get; }

    /// <summary>Whether every face has a glyph for <paramref name="label"/> (a face without one would draw a box).</summary>
    public bool CanDraw(string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        foreach (var face in _faces)
        {
            using var font = new SKFont(face);
            if (!font.ContainsGlyphs(label)) return false;
        }
        return true;
    }

    /// <summary>One rendered crop of <paramref name="label"/>: OutputSize² grey bytes, row-major, white on black.</summary>
    public byte[] Render(string label, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!CanDraw(label)) throw new ArgumentException($"A font has no glyph for '{label}'.", nameof(label));
        using var drawn = Draw(label, _faces[random.Next(_faces.Length)], random);
        using var shaped = Shape(drawn, random);
        using var captured = Capture(shaped, random);
        return ToCrop(captured);
    }

    /// <summary>The glyph drawn white on black, centred on its ink, outlines widened by a random extra stroke.</summary>
    private Mat Draw(string label, SKTypeface face, Random random)
    {
        int size = _options.CanvasSize;
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        using (var font = new SKFont(face, (float)(size * _options.TextSize)))
        using (var paint = new SKPaint { Color = SKColors.White, IsAntialias = true })
        {
            canvas.Clear(SKColors.Black);
            double stroke = random.NextDouble() * _options.MaxExtraStroke * size;
            if (stroke > 0.5)
            {
                paint.Style = SKPaintStyle.StrokeAndFill;
                paint.StrokeWidth = (float)stroke;
            }
            font.MeasureText(label, out SKRect bounds, paint);
            canvas.DrawText(label, size / 2f - bounds.MidX, size / 2f - bounds.MidY, SKTextAlign.Left, font, paint);
        }
        var pixels = new byte[size * size];
        // Gray8 rows may be padded: copy row by row.
        var source = bitmap.GetPixelSpan();
        for (int y = 0; y < size; y++) source.Slice(y * bitmap.RowBytes, size).CopyTo(pixels.AsSpan(y * size, size));
        var mat = new Mat(size, size, MatType.CV_8UC1);
        mat.SetArray(pixels);
        return mat;
    }

    /// <summary>The ink squeezed to a plate character's aspect, then turned and slanted, on a black margin.</summary>
    private Mat Shape(Mat drawn, Random random)
    {
        var ink = InkBox(drawn);
        using var glyph = new Mat(drawn, ink);
        double aspect = _options.MinAspect + random.NextDouble() * (_options.MaxAspect - _options.MinAspect);
        int height = ink.Height, width = Math.Max(1, (int)Math.Round(aspect * height));
        using var squeezed = new Mat();
        Cv2.Resize(glyph, squeezed, new Size(width, height), 0, 0, InterpolationFlags.Area);

        // A margin of a third of the height on every side keeps the turned corners inside.
        int margin = height / 3;
        using var padded = new Mat();
        Cv2.CopyMakeBorder(squeezed, padded, margin, margin, margin, margin, BorderTypes.Constant, Scalar.All(0));
        double angle = (random.NextDouble() * 2 - 1) * _options.MaxRotationDegrees;
        double shear = (random.NextDouble() * 2 - 1) * _options.MaxShear;
        var centre = new Point2f(padded.Cols / 2f, padded.Rows / 2f);
        using var rotation = Cv2.GetRotationMatrix2D(centre, angle, 1);
        rotation.Set(0, 1, rotation.At<double>(0, 1) + shear);
        rotation.Set(0, 2, rotation.At<double>(0, 2) - shear * centre.Y);
        var shaped = new Mat();
        Cv2.WarpAffine(padded, shaped, rotation, padded.Size(), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        return shaped;
    }

    /// <summary>
    /// The glyph as a camera and the segmenter see it: shrunk until its ink is a plate character's height in pixels,
    /// blurred, enlarged again (the segmenter works on an enlarged plate) and binarised near Otsu's level.
    /// </summary>
    private Mat Capture(Mat shaped, Random random)
    {
        var ink = InkBox(shaped);
        int captureHeight = _options.MinCaptureHeight + random.Next(_options.MaxCaptureHeight - _options.MinCaptureHeight + 1);
        double scale = captureHeight / (double)Math.Max(1, ink.Height);
        var small = new Size(Math.Max(2, (int)Math.Round(shaped.Cols * scale)), Math.Max(2, (int)Math.Round(shaped.Rows * scale)));
        using var shrunk = new Mat();
        Cv2.Resize(shaped, shrunk, small, 0, 0, InterpolationFlags.Area);
        double sigma = random.NextDouble() * _options.MaxBlurSigma;
        if (sigma > 0.2) Cv2.GaussianBlur(shrunk, shrunk, new Size(0, 0), sigma);
        using var enlarged = new Mat();
        Cv2.Resize(shrunk, enlarged, new Size(shaped.Cols, shaped.Rows), 0, 0, InterpolationFlags.Cubic);
        using var scratch = new Mat();
        double otsu = Cv2.Threshold(enlarged, scratch, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        double level = Math.Clamp(otsu + (random.NextDouble() * 2 - 1) * _options.MaxLevelShift, 1, 254);
        level = Math.Max(level, LevelLeavingAtMost(enlarged, InkBox(scratch), _options.MaxInkShare));
        var binary = new Mat();
        Cv2.Threshold(enlarged, binary, level, 255, ThresholdTypes.Binary);
        return binary;
    }

    /// <summary>The ink's box centred in a black square of its larger side, shrunk to the output size: the training crops' form.</summary>
    private byte[] ToCrop(Mat binary)
    {
        int size = _options.OutputSize;
        var ink = InkBox(binary);
        using var tight = new Mat(binary, ink);
        int side = Math.Max(ink.Width, ink.Height);
        using var square = new Mat(side, side, MatType.CV_8UC1, Scalar.All(0));
        using (var centre = new Mat(square, new Rect((side - ink.Width) / 2, (side - ink.Height) / 2, ink.Width, ink.Height)))
            tight.CopyTo(centre);
        using var crop = new Mat();
        Cv2.Resize(square, crop, new Size(size, size), 0, 0, InterpolationFlags.Linear);
        crop.GetArray(out byte[] pixels);
        return pixels;
    }

    /// <summary>The lowest level above which at most <paramref name="share"/> of the pixels of <paramref name="box"/> lie.</summary>
    private static double LevelLeavingAtMost(Mat grey, Rect box, double share)
    {
        using var region = new Mat(grey, box);
        return CharacterImageCutter.LevelLeavingAtMost(region, share);
    }

    /// <summary>The bounding box of the non-black pixels; the whole image when it is black.</summary>
    private static Rect InkBox(Mat image)
    {
        using var points = new Mat();
        Cv2.FindNonZero(image, points);
        return points.Empty() ? new Rect(0, 0, image.Cols, image.Rows) : Cv2.BoundingRect(points);
    }

    private static SKTypeface Resolve(string font)
    {
        int colon = font.LastIndexOf(':');
        if (colon > 0 && !File.Exists(font))
        {
            string family = font[..colon], weight = font[(colon + 1)..];
            var style = weight.Equals("bold", StringComparison.OrdinalIgnoreCase) ? SKFontStyle.Bold : SKFontStyle.Normal;
            var face = SKFontManager.Default.MatchFamily(family, style);
            if (face is null || !face.FamilyName.Equals(family, StringComparison.OrdinalIgnoreCase))
            {
                face?.Dispose();
                throw new FileNotFoundException($"Font family '{family}' is not installed (Debian: apt-get install fonts-noto-cjk; the set-up scripts install it).", font);
            }
            return face;
        }
        int hash = font.LastIndexOf('#');
        string path = hash > 0 ? font[..hash] : font;
        int index = hash > 0 && int.TryParse(font[(hash + 1)..], out int i) ? i : 0;
        if (!File.Exists(path)) throw new FileNotFoundException($"Font file not found: {path}", path);
        return SKTypeface.FromFile(path, index) ?? throw new FileNotFoundException($"{path} holds no font face {index}.", path);
    }

    public void Dispose()
    {
        foreach (var face in _faces) face.Dispose();
    }
}
