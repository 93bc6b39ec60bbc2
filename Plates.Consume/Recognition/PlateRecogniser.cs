using System.Diagnostics;
using OpenCvSharp;
using Plates.Consume.Colour;
using Plates.Consume.Deskew;
using Plates.Consume.Imaging;
using Plates.Consume.Layout;
using Plates.Consume.Localisation;
using Plates.Consume.Segmentation;

namespace Plates.Consume.Recognition;

/// <summary>
/// Reads every Chinese plate in a photo: locate, deskew, segment, read. Create one, share it between threads (all
/// stages are stateless and the models' prediction engines are pooled), dispose it at the end. The stages are built
/// from <see cref="RecogniserOptions"/> and never call each other: the recogniser hands each one's result to the next.
/// </summary>
public sealed class PlateRecogniser : IDisposable
{
    private readonly PlateLocator _locator;
    private readonly PlateDeskewer _deskewer;
    private readonly CharacterSegmenter _segmenter;
    private readonly PlateReader _reader;
    private readonly FormatReader _formats;

    /// <param name="modelsFolder">Folder holding province.zip, city.zip and alnum.zip; default <see cref="DefaultModelsFolder"/>.</param>
    /// <exception cref="DirectoryNotFoundException">The models folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A model file is missing; the message names it.</exception>
    /// <exception cref="InvalidDataException">A model file cannot be loaded, or holds another model's classes; the message names it.</exception>
    public PlateRecogniser(string? modelsFolder = null, RecogniserOptions? options = null)
    {
        Options = options ?? new RecogniserOptions();
        _locator = new PlateLocator(Options.Locator);
        _deskewer = new PlateDeskewer(Options.Deskew);
        _segmenter = new CharacterSegmenter(Options.Segmenter);
        _reader = new PlateReader(modelsFolder ?? DefaultModelsFolder);
        _formats = new FormatReader(_segmenter, _reader, Options);
    }

    /// <summary>The shipped models, copied beside the application as assets/models.</summary>
    public static string DefaultModelsFolder => Path.Combine(AppContext.BaseDirectory, "assets", "models");

    public RecogniserOptions Options { get; }

    /// <exception cref="FileNotFoundException">The photo does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty, not an image, truncated or too large; the message names it.</exception>
    public RecognitionResult Recognise(string path)
    {
        var stopwatch = Stopwatch.StartNew();
        using Mat photo = PhotoLoader.Load(path, Options.MaxPixels);
        return RecogniseBgr(photo, stopwatch);
    }

    /// <exception cref="InvalidDataException">The bytes are empty, not an image, truncated or too large.</exception>
    public RecognitionResult Recognise(byte[] encodedImage)
    {
        ArgumentNullException.ThrowIfNull(encodedImage);
        var stopwatch = Stopwatch.StartNew();
        using Mat photo = PhotoLoader.Decode(encodedImage, Options.MaxPixels);
        return RecogniseBgr(photo, stopwatch);
    }

    /// <summary>Reads plates from a Mat of any 8- or 16-bit depth with 1, 3 (BGR) or 4 (BGRA) channels; the Mat is not changed.</summary>
    /// <exception cref="ArgumentException">The Mat is empty, or has more pixels than <see cref="RecogniserOptions.MaxPixels"/>.</exception>
    public RecognitionResult Recognise(Mat photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (photo.Empty()) throw new ArgumentException("The image is empty.", nameof(photo));
        PhotoLoader.ThrowIfOverLimit(photo, Options.MaxPixels, nameof(photo));
        var stopwatch = Stopwatch.StartNew();
        using Mat bgr = PhotoLoader.ToBgr8(photo);
        return RecogniseBgr(bgr, stopwatch);
    }

    /// <summary>
    /// Reads an image that is already a plate (a crop such as a parking camera gives), skipping localisation.
    /// Returns null when it cannot be cut into seven characters.
    /// </summary>
    /// <exception cref="ArgumentException">The Mat is empty, or has more pixels than <see cref="RecogniserOptions.MaxPixels"/>.</exception>
    public RecognisedPlate? RecognisePlateImage(Mat plate)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(plate);
        if (plate.Empty()) throw new ArgumentException("The image is empty.", nameof(plate));
        PhotoLoader.ThrowIfOverLimit(plate, Options.MaxPixels, nameof(plate));
        using Mat bgr = PhotoLoader.ToBgr8(plate);
        var whole = new RotatedRect(new Point2f(bgr.Width / 2f, bgr.Height / 2f), new Size2f(bgr.Width, bgr.Height), 0);
        var stopwatch = Stopwatch.StartNew();
        using Mat upright = new();
        Cv2.Resize(bgr, upright, Options.Deskew.OutputSize, 0, 0, InterpolationFlags.Area);
        var (color, _) = ColourClassifier.Classify(upright, Options.Locator.Colours);
        double deskewMs = stopwatch.Elapsed.TotalMilliseconds;
        var candidate = new PlateCandidate(whole, color, 1);
        var read = ReadUpright(upright, twoRow: false, candidate, 0, deskewMs, located: false);
        // Every character of the crop as given read surely: the other cuts did not change such a reading on the crops
        // (RecogniserOptions.SureCropCharacterAbove), and skipping them is most of the time a crop takes. The same
        // after the second cut, for the surer of the two readings.
        if (IsSureCrop(read)) return read;

        // A crop can still be sheared: cut it again through the deskewer and keep the surer reading. Not only when the
        // first reading is unsure (under LowConfidenceBelow) but whenever it is short of SureCropCharacterAbove: a
        // character cut short (a 7 whose bar touches the frame and is lost with it) reads as a fairly sure '1' that
        // only the other cut shows wrong. The crop's own borders are kept: they are
        // the plate's, while on a tight crop the characters found inside mislead the deskewer's border search (the
        // Chinese character falls apart and is not found, the frame's side is, and the row shifts by a character).
        // Measured on the crops: 179 exact reading the second cut behind an unsure first one with refined borders,
        // 181 with the crop's borders, 182 reading it always.
        stopwatch.Restart();
        using (var deskewed = _deskewer.Deskew(bgr, candidate.Box, candidate.Color, RowLayout(candidate.Color), refineBorders: false))
            read = Surer(read, ReadUpright(deskewed.Image, deskewed.TwoRow, candidate, 0, stopwatch.Elapsed.TotalMilliseconds, located: false));
        if (IsSureCrop(read)) return read;

        // A plate turned inside its crop: both cuts above approximate the turn by a vertical shear, which leaves the
        // characters leaning and a short band of them in a tall image (too short to be found at all when the turn is
        // large). A third cut turns the crop's box by the measured tilt so the deskewer removes it as a rotation.
        // Measured on the crops: 182 exact without it, 186 with it; plates found 199 to 200.
        stopwatch.Restart();
        double tilt = _segmenter.EstimateTilt(upright, color) * (bgr.Rows / (double)upright.Rows) / (bgr.Cols / (double)upright.Cols);
        // Level already: the turned cut would be the second one again.
        if (tilt == 0) return read;
        var turned = candidate with { Box = new RotatedRect(whole.Center, whole.Size, (float)(Math.Atan(tilt) * 180 / Math.PI)) };
        using var rotated = _deskewer.Deskew(bgr, turned.Box, turned.Color, RowLayout(turned.Color), refineBorders: false);
        return Surer(read, ReadUpright(rotated.Image, rotated.TwoRow, candidate, 0, stopwatch.Elapsed.TotalMilliseconds, located: false));
    }

    /// <summary>Whether a located plate's reading is taken as the plate's without cutting another box of it.</summary>
    private bool IsSureCut(RecognisedPlate? read) =>
        read is { IsLowConfidence: false } && read.FitShare >= Options.RetryFitShareBelow;

    /// <summary>Whether a crop's first reading is sure enough that <see cref="RecognisePlateImage"/> makes no other cut.</summary>
    private bool IsSureCrop(RecognisedPlate? read) =>
        read is not null && read.Characters.All(c => c.Confidence >= Options.SureCropCharacterAbove);

    /// <summary>The reading with the higher confidence; on a tie the first, so the cut tried first (the better located) wins.</summary>
    private static RecognisedPlate? Surer(RecognisedPlate? first, RecognisedPlate? second) =>
        second is not null && (first is null || second.Confidence > first.Confidence) ? second : first;

    private RecognitionResult RecogniseBgr(Mat photo, Stopwatch stopwatch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var located = Stopwatch.StartNew();
        var groups = _locator.LocateGroups(photo, Options.BoxesPerPlate);
        double locateMs = located.Elapsed.TotalMilliseconds;

        var plates = new List<RecognisedPlate>();
        foreach (var group in groups.Take(Options.MaxCandidates))
        {
            RecognisedPlate? best = null;
            foreach (var candidate in group)
            {
                var stage = Stopwatch.StartNew();
                using var upright = _deskewer.Deskew(photo, candidate.Box, candidate.Color, RowLayout(candidate.Color));
                double deskewMs = stage.Elapsed.TotalMilliseconds;
                best = Surer(best, ReadUpright(upright.Image, upright.TwoRow, candidate, locateMs, deskewMs));
                // Every character read surely from a cut that explains the band: the other boxes could only repeat it, at
                // the cost of a full read each.
                if (IsSureCut(best)) break;
            }
            // Still unsure: the borders placed on the characters may have followed a date overlay, badge or frame
            // bar read as part of the row; the located box's own borders are the cut that cannot be misled that way.
            if (!IsSureCut(best) && group.Count > 0)
            {
                var stage = Stopwatch.StartNew();
                using var loose = _deskewer.Deskew(photo, group[0].Box, group[0].Color, RowLayout(group[0].Color), refineBorders: false);
                best = Surer(best, ReadUpright(loose.Image, loose.TwoRow, group[0], locateMs, stage.Elapsed.TotalMilliseconds));
            }
            if (best is not null && Judge(best) == ReadingRejection.None) plates.Add(best);
        }
        return new RecognitionResult(KeepBestPerPlace(plates), stopwatch.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// The row the deskewer lays the found characters onto for a plate of this colour: the layout of the first format
    /// that comes in it (green: the new-energy row), else the standard one.
    /// </summary>
    private PlateLayout RowLayout(PlateColor colour) =>
        Options.Formats.FirstOrDefault(f => !f.IsTwoRow && f.ComesIn(colour))?.Layout ?? Options.Deskew.Layout;

    /// <summary>Reads an upright plate as the formats its colour allows (<see cref="FormatReader"/>); null when none could be cut.</summary>
    /// <param name="located">Whether the plate was located in a photo (see <see cref="FormatReader.Read"/>) rather than given as a crop.</param>
    private RecognisedPlate? ReadUpright(Mat upright, bool twoRow, PlateCandidate candidate, double locateMs, double deskewMs, bool located = true)
    {
        if (_formats.Read(upright, candidate.Color, twoRow, located) is not { } chosen) return null;
        bool low = chosen.Characters.Any(c => c.Confidence < Options.LowConfidenceBelow);
        return new RecognisedPlate(
            chosen.Text, chosen.Confidence, chosen.Characters, candidate.Box, candidate.Box.Points(),
            chosen.Colour, low, new StageTimings(locateMs, deskewMs, chosen.SegmentMs, chosen.ReadMs))
        {
            Kind = chosen.Format.Kind,
            FitShare = chosen.FitShare,
        };
    }

    /// <summary>Whether a reading of a located candidate is kept as a plate, and if not, the rule it broke (<see cref="ReadingRules"/>).</summary>
    public ReadingRejection Judge(RecognisedPlate plate)
    {
        ArgumentNullException.ThrowIfNull(plate);
        double tilt = RotatedBoxes.Normalise(plate.Box).Angle;
        return ReadingRules.Judge(plate.Characters.Select(c => (double)c.Confidence).ToArray(), tilt, Options, plate.Text);
    }

    /// <summary>Two candidates over the same plate (from colour and from edges) yield one reading: the surer one.</summary>
    private static IReadOnlyList<RecognisedPlate> KeepBestPerPlace(List<RecognisedPlate> plates)
    {
        var kept = new List<RecognisedPlate>();
        foreach (var plate in plates.OrderByDescending(p => p.Confidence))
        {
            bool overlaps = kept.Any(k => Contains(k.Box, plate.Box.Center) || Contains(plate.Box, k.Box.Center));
            if (!overlaps) kept.Add(plate);
        }
        return kept;
    }

    private static bool Contains(RotatedRect box, Point2f point) =>
        Cv2.PointPolygonTest(box.Points(), point, measureDist: false) >= 0;

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _reader.Dispose();
    }
}
