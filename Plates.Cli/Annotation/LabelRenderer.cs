using OpenCvSharp;
using SkiaSharp;

namespace Plates.Cli.Annotation;

/// <summary>
/// Renders a one-line label (plate text with its Chinese province character) into a small premultiplied BGRA Mat with
/// Skia, because OpenCV's Hershey fonts have no CJK glyphs. Typefaces are looked up once and shared: a Latin one for
/// letters and digits and a CJK one for the province (a CJK font file when one is installed, else whatever Skia's font
/// manager offers). Without a CJK typeface the label loses its non-ASCII characters; without any typeface, for instance
/// when the Skia native library cannot be loaded, <see cref="IsAvailable"/> is false.
/// </summary>
internal static class LabelRenderer
{
    /// <summary>Environment variable naming a CJK font file to use before the usual places.</summary>
    public const string CjkFontVariable = "PLATES_CJK_FONT";

    /// <summary>CJK fonts tried in order before asking Skia's font manager; Droid Sans Fallback is Debian's fonts-droid-fallback.</summary>
    private static readonly string[] s_cjkFontFiles =
    [
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/System/Library/Fonts/PingFang.ttc",
        @"C:\Windows\Fonts\msyh.ttc",
        @"C:\Windows\Fonts\simhei.ttf",
    ];

    private static readonly string[] s_latinFontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    ];

    private static readonly Lazy<Typefaces> s_typefaces = new(FindTypefaces, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when Skia loaded and some typeface was found.</summary>
    public static bool IsAvailable => s_typefaces.Value.Latin is not null || s_typefaces.Value.Cjk is not null;

    /// <summary>True when a typeface with Chinese glyphs was found, so labels keep their province character.</summary>
    public static bool HasCjkGlyphs => s_typefaces.Value.Cjk is not null;

    /// <summary>
    /// The label as it will be drawn: unchanged with a CJK typeface; without one, only its printable ASCII characters
    /// (so "苏E5V282 0.97" becomes "E5V282 0.97").
    /// </summary>
    public static string Drawable(string text) => HasCjkGlyphs ? text : AsciiOnly(text);

    public static string AsciiOnly(string text) => string.Concat(text.Where(c => c is >= ' ' and <= '~')).Trim();

    /// <summary>
    /// Renders <paramref name="text"/> as dark text on a filled background of <paramref name="background"/> (BGR), with a
    /// small margin, into a new CV_8UC4 Mat whose colours are premultiplied by alpha. Each character is drawn with the
    /// first typeface that has it (Latin, then CJK: CJK fallback fonts such as Droid Sans Fallback have no Latin glyphs).
    /// Null when no typeface is available.
    /// </summary>
    public static Mat? Render(string text, double pixelHeight, Scalar background, byte opacity = 220)
    {
        var typefaces = s_typefaces.Value;
        if (!IsAvailable || string.IsNullOrEmpty(text)) return null;

        var fonts = new[] { typefaces.Latin, typefaces.Cjk }.OfType<SKTypeface>()
            .Select(t => new SKFont(t, (float)pixelHeight) { Edging = SKFontEdging.Antialias, Subpixel = true }).ToArray();
        try
        {
            var runs = Runs(text, fonts);
            float ascent = fonts.Min(f => f.Metrics.Ascent), descent = fonts.Max(f => f.Metrics.Descent);
            float margin = MathF.Max(2, (float)pixelHeight * 0.15f);
            float advance = runs.Sum(r => r.Font.MeasureText(r.Text));
            int width = (int)MathF.Ceiling(advance + 2 * margin);
            int height = (int)MathF.Ceiling(descent - ascent + 2 * margin);
            if (width <= 0 || height <= 0) return null;

            var info = new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul);
            using var bitmap = new SKBitmap(info);
            using (var canvas = new SKCanvas(bitmap))
            {
                canvas.Clear(SKColors.Transparent);
                using var fill = new SKPaint { Color = new SKColor((byte)background.Val2, (byte)background.Val1, (byte)background.Val0, opacity), IsAntialias = true };
                canvas.DrawRoundRect(new SKRect(0, 0, width, height), margin, margin, fill);
                using var ink = new SKPaint { Color = new SKColor(20, 20, 20, 255), IsAntialias = true };
                float x = margin;
                foreach (var (run, font) in runs)
                {
                    canvas.DrawText(run, x, margin - ascent, SKTextAlign.Left, font, ink);
                    x += font.MeasureText(run);
                }
            }

            // Copy out of Skia's buffer so the Mat owns its pixels after the bitmap is disposed.
            using var view = Mat.FromPixelData(height, width, MatType.CV_8UC4, bitmap.GetPixels(), bitmap.RowBytes);
            return view.Clone();
        }
        finally
        {
            foreach (var font in fonts) font.Dispose();
        }
    }

    /// <summary>Splits text into runs each drawn with the first font that has all its characters (the last font if none has).</summary>
    private static List<(string Text, SKFont Font)> Runs(string text, SKFont[] fonts)
    {
        var runs = new List<(string Text, SKFont Font)>();
        foreach (var element in text.EnumerateRunes())
        {
            var font = fonts.FirstOrDefault(f => f.Typeface.GetGlyph(element.Value) != 0) ?? fonts[^1];
            if (runs.Count > 0 && runs[^1].Font == font) runs[^1] = (runs[^1].Text + element.ToString(), font);
            else runs.Add((element.ToString(), font));
        }
        return runs;
    }

    private sealed record Typefaces(SKTypeface? Latin, SKTypeface? Cjk);

    private static Typefaces FindTypefaces()
    {
        try
        {
            return new Typefaces(FindLatin(), FindCjk());
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            // No usable Skia native library on this machine: the annotator falls back to OpenCV's Hershey font.
            return new Typefaces(null, null);
        }
    }

    private static SKTypeface? FindCjk()
    {
        // The font managers of Skia's Linux NoDependencies build find no system fonts (no fontconfig): files are named.
        string? chosen = Environment.GetEnvironmentVariable(CjkFontVariable);
        foreach (string file in new[] { chosen }.OfType<string>().Concat(s_cjkFontFiles).Where(File.Exists))
        {
            var typeface = SKTypeface.FromFile(file);
            if (typeface is not null && HasGlyph(typeface, '京')) return typeface;
            typeface?.Dispose();
        }
        var matched = SKFontManager.Default.MatchCharacter('京');
        return matched is not null && HasGlyph(matched, '京') ? matched : null;
    }

    private static SKTypeface? FindLatin()
    {
        foreach (string file in s_latinFontFiles.Where(File.Exists))
        {
            var typeface = SKTypeface.FromFile(file);
            if (typeface is not null && HasGlyph(typeface, 'A')) return typeface;
            typeface?.Dispose();
        }
        var fallback = SKTypeface.Default;
        return fallback is not null && HasGlyph(fallback, 'A') ? fallback : SKFontManager.Default.MatchCharacter('A');
    }

    private static bool HasGlyph(SKTypeface typeface, char c) => typeface.GetGlyph(c) != 0;
}
