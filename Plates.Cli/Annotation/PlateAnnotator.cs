using System.Globalization;
using OpenCvSharp;
using Plates.Consume.Imaging;
using Plates.Consume.Layout;
using Plates.Consume.Recognition;
using Plates.Model.IO;

namespace Plates.Cli.Annotation;

/// <summary>
/// Draws each plate's box and reading ("苏E5V282 0.97") onto a copy of its photo, for people to check results by eye. The
/// label is rendered with Skia and a CJK font (see <see cref="LabelRenderer"/>; the environment variable PLATES_CJK_FONT
/// can name the font file); without a CJK font it keeps its ASCII part, and without Skia it falls back to OpenCV's
/// Hershey font.
/// </summary>
public static class PlateAnnotator
{
    /// <summary>The end of every annotated copy's name (<c>photo.jpg</c> gives <c>photo.jpg.annotated.jpg</c>).</summary>
    public const string FileSuffix = ".annotated.jpg";

    /// <summary>
    /// Whether a file is an annotated copy this command wrote: a folder listing leaves them out, so annotating into
    /// the input folder and running again does not read the drawn labels as plates.
    /// </summary>
    public static bool IsAnnotatedCopy(string fileName) => fileName.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase);

    private static readonly Scalar s_sure = new(0, 255, 0);
    private static readonly Scalar s_low = new(0, 165, 255);

    /// <summary>Writes an annotated copy of <paramref name="bgrPhoto"/> to <paramref name="path"/> (format from the extension), via a temporary file.</summary>
    /// <exception cref="IOException">The image could not be written.</exception>
    public static void Save(Mat bgrPhoto, IReadOnlyList<RecognisedPlate> plates, string path)
    {
        ArgumentNullException.ThrowIfNull(bgrPhoto);
        ArgumentNullException.ThrowIfNull(plates);
        using Mat canvas = bgrPhoto.Type() == MatType.CV_8UC3 ? bgrPhoto.Clone() : PhotoLoader.ToBgr8(bgrPhoto);
        Draw(canvas, plates);
        WriteAtomically(canvas, path);
    }

    /// <summary>
    /// Draws the boxes and labels onto <paramref name="canvas"/> (8-bit BGR) in place. Plates are taken in the order
    /// given (the recogniser's best first), and a label that would cover one already placed is moved up out of its way. Boxes are drawn before labels.
    /// </summary>
    public static void Draw(Mat canvas, IReadOnlyList<RecognisedPlate> plates)
    {
        double scale = Math.Max(1, canvas.Width / 800.0);
        int gap = (int)Math.Ceiling(2 * scale);
        var photo = new Rect(0, 0, canvas.Width, canvas.Height);
        var drawn = plates.Where(p => p.Corners.Count > 0).ToArray();
        // Boxes first, so that no box is drawn across a label.
        foreach (var plate in drawn)
            Cv2.Polylines(canvas, [Corners(plate)], isClosed: true, plate.IsLowConfidence ? s_low : s_sure, gap);

        var placed = new List<Rect>();
        foreach (var plate in drawn)
        {
            var corners = Corners(plate);
            var colour = plate.IsLowConfidence ? s_low : s_sure;
            // The kind is named unless the plate is a standard one, which most are.
            string kind = plate.Kind is PlateKind.Standard ? "" : $" {plate.Kind}";
            string label = $"{plate.Text}{kind} {plate.Confidence.ToString("F2", CultureInfo.InvariantCulture)}";
            var bounds = Cv2.BoundingRect(corners);
            using Mat? rendered = LabelRenderer.IsAvailable ? LabelRenderer.Render(LabelRenderer.Drawable(label), 16 * scale, colour) : null;
            if (rendered is null)
            {
                var anchor = new Point(Math.Max(0, bounds.X), Math.Max(0, bounds.Y - (int)(6 * scale)));
                Cv2.PutText(canvas, LabelRenderer.AsciiOnly(label), anchor, HersheyFonts.HersheySimplex, 0.6 * scale, colour, (int)Math.Ceiling(1.5 * scale));
                continue;
            }
            var target = Place(new Size(rendered.Width, rendered.Height), bounds, gap, photo, placed);
            if (target.Width <= 0 || target.Height <= 0) continue;
            placed.Add(target);
            using Mat source = rendered[new Rect(0, 0, target.Width, target.Height)];
            using Mat region = canvas[target];
            BlendPremultiplied(region, source);
        }
    }

    private static Point[] Corners(RecognisedPlate plate) =>
        plate.Corners.Select(p => new Point((int)Math.Round(p.X), (int)Math.Round(p.Y))).ToArray();

    /// <summary>
    /// Just above the box, or just below it when there is no room above; moved up past labels already placed that it
    /// would cover while it stays inside the photo; clipped to the photo.
    /// </summary>
    private static Rect Place(Size label, Rect box, int gap, Rect photo, List<Rect> placed)
    {
        int x = Math.Clamp(box.X, 0, Math.Max(0, photo.Width - label.Width));
        int y = box.Y - gap - label.Height;
        if (y < 0) y = Math.Max(0, Math.Min(box.Bottom + gap, photo.Height - label.Height));
        for (int moves = 0; moves < placed.Count; moves++)
        {
            var wanted = new Rect(x, y, label.Width, label.Height);
            var blocking = placed.Where(r => r.IntersectsWith(wanted)).Select(r => (Rect?)r).FirstOrDefault();
            if (blocking is null) break;
            int above = blocking.Value.Y - 1 - label.Height;
            if (above < 0) break;
            y = above;
        }
        return new Rect(x, y, label.Width, label.Height) & photo;
    }

    /// <summary>region = label.bgr + region × (1 − label.alpha), with label's colours premultiplied by its alpha.</summary>
    private static void BlendPremultiplied(Mat region, Mat bgraPremultiplied)
    {
        Mat[] channels = Cv2.Split(bgraPremultiplied);
        try
        {
            using var colour = new Mat();
            Cv2.Merge([channels[0], channels[1], channels[2]], colour);
            using var transparency = new Mat();
            Cv2.BitwiseNot(channels[3], transparency);
            using var transparency3 = new Mat();
            Cv2.Merge([transparency, transparency, transparency], transparency3);
            using var kept = new Mat();
            Cv2.Multiply(region, transparency3, kept, 1 / 255.0);
            Cv2.Add(kept, colour, region);
        }
        finally
        {
            foreach (var channel in channels) channel.Dispose();
        }
    }

    private static void WriteAtomically(Mat image, string path)
    {
        // Encoded in memory first: OpenCV picks the format from the file's extension, which a temporary name would change.
        string extension = Path.GetExtension(path);
        bool encoded;
        byte[] bytes;
        try
        {
            encoded = Cv2.ImEncode(extension, image, out bytes);
        }
        catch (OpenCVException e)
        {
            throw new IOException($"{path}: the annotated image could not be encoded as '{extension}': {e.Message}", e);
        }
        if (!encoded) throw new IOException($"{path}: the annotated image could not be encoded as '{extension}'.");
        AtomicFile.WriteAllBytes(path, bytes);
    }
}
