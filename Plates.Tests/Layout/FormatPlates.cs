using OpenCvSharp;
using Plates.Consume.Layout;
using Plates.Model.Labels;
using Plates.Tests.Segmentation;
using Plates.Train.Synthesis;

namespace Plates.Tests.Layout;

/// <summary>
/// Plates of any layout drawn in code at one pixel per millimetre, so that each test knows where every character is:
/// letters and digits as squeezed Hershey glyphs, Chinese characters drawn from the renderer's font and blown up into
/// their boxes.
/// </summary>
public static class FormatPlates
{
    /// <summary>Margin left and right of the character row, in millimetres (a 440 mm plate's row of 409 mm has 15.5).</summary>
    public const int SideMargin = 16;

    /// <summary>Top of the characters on the 140 mm tall plate.</summary>
    public const int CharacterTop = 25;

    public static readonly Scalar Green = new(140, 215, 120);

    /// <summary>A plate of <paramref name="layout"/> with <paramref name="text"/> (one character per slot), framed.</summary>
    public static Mat Draw(PlateLayout layout, string text, Scalar background, Scalar ink)
    {
        var characters = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        var plate = new Mat(140, (int)Math.Ceiling(layout.Span) + 2 * SideMargin, MatType.CV_8UC3, background);
        Cv2.Rectangle(plate, new Rect(3, 3, plate.Cols - 6, plate.Rows - 6), ink, 3);
        int i = 0;
        while (characters.MoveNext() && i < layout.Count) DrawCharacter(plate, (string)characters.Current, ExpectedBox(layout, i++), ink);
        return plate;
    }

    /// <summary>Draws one character filling <paramref name="box"/>: a Chinese one from the renderer's font, else a squeezed Hershey glyph.</summary>
    public static void DrawCharacter(Mat plate, string character, Rect box, Scalar ink)
    {
        if (!LabelSets.IsChineseCharacter(character))
        {
            SegmentationPlates.DrawGlyph(plate, character, box, ink);
            return;
        }
        using var renderer = new GlyphRenderer(GlyphRenderer.DefaultFonts);
        DrawChinese(plate, renderer, character, box, ink);
    }

    /// <summary>Where character <paramref name="index"/> of <paramref name="layout"/> is drawn.</summary>
    public static Rect ExpectedBox(PlateLayout layout, int index) =>
        new(SideMargin + (int)Math.Round(layout.Slots[index].Offset), CharacterTop, (int)Math.Round(layout.Slots[index].Width), 90);

    private static void DrawChinese(Mat plate, GlyphRenderer renderer, string character, Rect box, Scalar ink)
    {
        byte[] crop = renderer.Render(character, new Random(7));
        using var small = Mat.FromPixelData(20, 20, MatType.CV_8UC1, crop);
        using var ink20 = new Mat();
        Cv2.Threshold(small, ink20, 127, 255, ThresholdTypes.Binary);
        var bounds = Cv2.BoundingRect(ink20);
        using var tight = new Mat(ink20, bounds);
        using var mask = new Mat();
        Cv2.Resize(tight, mask, box.Size, 0, 0, InterpolationFlags.Nearest);
        using var roi = new Mat(plate, box);
        roi.SetTo(ink, mask);
    }
}
