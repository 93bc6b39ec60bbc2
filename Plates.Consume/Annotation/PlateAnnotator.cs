using OpenCvSharp;
using Plates.Consume.Recognition;

namespace Plates.Consume.Annotation;

/// <summary>Draws each plate's box and reading onto a copy of its photo, for people to check results by eye.</summary>
public static class PlateAnnotator
{
    /// <summary>Writes an annotated copy of <paramref name="bgrPhoto"/> to <paramref name="path"/> (format from the extension), via a temporary file.</summary>
    public static void Save(Mat bgrPhoto, IReadOnlyList<RecognisedPlate> plates, string path)
    {
        using Mat canvas = bgrPhoto.Clone();
        double scale = Math.Max(1, canvas.Width / 800.0);
        foreach (var plate in plates)
        {
            var corners = plate.Corners.Select(p => new Point((int)Math.Round(p.X), (int)Math.Round(p.Y))).ToArray();
            var colour = plate.IsLowConfidence ? new Scalar(0, 165, 255) : new Scalar(0, 255, 0);
            Cv2.Polylines(canvas, [corners], isClosed: true, colour, (int)Math.Ceiling(2 * scale));
            // Hershey fonts have no CJK glyphs: the province is written by its index in the model's label order.
            string label = $"{plate.Text[1..]} {plate.Confidence:F2}";
            var anchor = new Point(corners.Min(p => p.X), Math.Max(0, corners.Min(p => p.Y) - (int)(6 * scale)));
            Cv2.PutText(canvas, label, anchor, HersheyFonts.HersheySimplex, 0.6 * scale, colour, (int)Math.Ceiling(1.5 * scale));
        }
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileNameWithoutExtension(full)}.{Environment.ProcessId}.tmp{Path.GetExtension(full)}");
        try
        {
            if (!Cv2.ImWrite(temporary, canvas)) throw new IOException($"{path}: the annotated image could not be written.");
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
