using OpenCvSharp;
using Plates.Consume.Colour;
using Plates.Consume.Deskew;
using Plates.Consume.Imaging;
using Plates.Consume.Recognition;
using Plates.Consume.Segmentation;

namespace Plates.Train.Data;

/// <summary>What became of one labelled plate image: the characters cut from it, or why none were kept.</summary>
/// <param name="Agreement">Characters of the best cut whose reading equals the label at their position.</param>
/// <param name="Characters">The cut's characters (20×20 grey, white on black) in plate order, each filed under the label's character; empty when rejected.</param>
public sealed record HarvestedPlate(string Path, string Label, int Agreement, IReadOnlyList<byte[]> Characters, string? Rejected)
{
    /// <summary>
    /// With <see cref="CharacterHarvester.ChineseViews"/>: the other images of the first (Chinese) character the
    /// recogniser reads and averages, each different from <see cref="Characters"/>[0] and from one another: the best
    /// cut's stricter and wider views, and every view of the other agreeing cuts. Empty otherwise.
    /// </summary>
    public IReadOnlyList<byte[]> ChineseViews { get; init; } = [];

    /// <summary>
    /// With <see cref="CharacterHarvester.Softenings"/>: the characters of the crop blurred by each of them and cut
    /// again, one list per blur whose best cut agrees with the label too (as many characters as
    /// <see cref="Characters"/>, in plate order); from <see cref="PhotoHarvester"/>, the photo's plate cut again as a
    /// farther, softer and dimmer camera sees it. Empty otherwise.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<byte[]>> SoftCopies { get; init; } = [];

    /// <summary>
    /// The training folder (model) each character is filed under, in plate order; null files them by position as a
    /// standard plate's (<see cref="HarvestRun.ModelOf"/>). Set by <see cref="PhotoHarvester"/> from the format the
    /// label fits (a police plate's 警 under special/).
    /// </summary>
    public IReadOnlyList<string>? Folders { get; init; }
}

/// <summary>
/// Cuts labelled plate crops (file name = plate text) into characters with the recogniser's own stages and options
/// (<see cref="RecogniserOptions"/>: colour, deskewer, segmenter), the three cuts it reads a crop from, and keeps the
/// characters of the crops whose best cut agrees with the label: every character of such a crop is filed under the
/// label's character at its position, including those the models read wrong today (they are what there is to learn).
/// A cut agrees when it gives the label's number of characters and the current models read at least
/// <c>minAgreement</c> of them as the label says: a cut shifted by one character, or one through the frame, reads
/// almost nothing right, while a misread character or two does not move the cut.
/// </summary>
public sealed class CharacterHarvester : IPlateHarvester, IDisposable
{
    private readonly PlateReader _reader;
    private readonly RecogniserOptions _options;
    private readonly PlateDeskewer _deskewer;
    private readonly CharacterSegmenter _segmenter;
    private readonly int _minAgreement;

    /// <param name="modelsFolder">The models that read the cuts to check them (not the ones being trained).</param>
    /// <param name="minAgreement">Characters that must read as labelled for a cut to count as agreeing with the label.</param>
    /// <param name="options">The recogniser's options the cuts are made with (default: the recogniser's defaults).</param>
    /// <param name="chineseViews">Also keep the other views of the first character the recogniser reads (<see cref="HarvestedPlate.ChineseViews"/>).</param>
    /// <param name="softenings">Gaussian blurs (σ in the crop's own pixels) each agreeing crop is also cut at (<see cref="HarvestedPlate.SoftCopies"/>).</param>
    public CharacterHarvester(string modelsFolder, int minAgreement, RecogniserOptions? options = null, bool chineseViews = false, IReadOnlyList<double>? softenings = null)
    {
        ChineseViews = chineseViews;
        Softenings = softenings?.ToArray() ?? [];
        if (Softenings.Any(sigma => !(sigma > 0 && sigma <= 5)))
            throw new ArgumentOutOfRangeException(nameof(softenings), string.Join(", ", Softenings), "Each softening blur must lie in (0, 5] pixels.");
        ArgumentOutOfRangeException.ThrowIfNegative(minAgreement);
        _options = options ?? new RecogniserOptions();
        _reader = new PlateReader(modelsFolder);
        _deskewer = new PlateDeskewer(_options.Deskew);
        _segmenter = new CharacterSegmenter(_options.Segmenter);
        ModelsFolder = modelsFolder;
        _minAgreement = minAgreement;
    }

    /// <summary>The folder of the models that check the cuts.</summary>
    public string ModelsFolder { get; }

    /// <summary>Characters of a cut that must read as labelled for its characters to be kept.</summary>
    public int MinAgreement => _minAgreement;

    /// <summary>Crops are plates already: nothing is located.</summary>
    public bool LocatesPlates => false;

    /// <summary>Whether the other views of the first character are kept too (<see cref="HarvestedPlate.ChineseViews"/>).</summary>
    public bool ChineseViews { get; }

    /// <summary>The blurs (σ, pixels) each agreeing crop is also cut at: a softer camera's view of the same plate, cut
    /// by the same stages, so that the model learns the blobs the segmenter makes of blurred strokes.</summary>
    public IReadOnlyList<double> Softenings { get; }

    /// <summary>Cuts one crop; never throws for a bad image (it is reported as rejected).</summary>
    public HarvestedPlate Harvest(string path)
    {
        string label = System.IO.Path.GetFileNameWithoutExtension(path);
        try
        {
            using Mat crop = PhotoLoader.Load(path, _options.MaxPixels);
            var (agreement, characters, agreeingViews) = BestCut(crop, label);
            if (agreement < 0) return new HarvestedPlate(path, label, 0, [], $"no cut gave {label.Length} characters");
            if (agreement < _minAgreement)
                return new HarvestedPlate(path, label, agreement, [], $"the best cut reads {agreement} of {label.Length} characters as labelled (at least {_minAgreement} wanted)");
            return new HarvestedPlate(path, label, agreement, characters, null)
            {
                ChineseViews = ChineseViews ? Distinct(agreeingViews, except: characters[0]) : [],
                SoftCopies = SoftCopies(crop, label),
            };
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            return new HarvestedPlate(path, label, 0, [], e.Message);
        }
    }

    /// <summary>The cut that reads most characters as labelled (-1 when none gives the label's count), and the Chinese views of every agreeing cut.</summary>
    private (int Agreement, IReadOnlyList<byte[]> Characters, List<byte[]> AgreeingViews) BestCut(Mat crop, string label)
    {
        var best = (Agreement: -1, Characters: (IReadOnlyList<byte[]>)[]);
        var agreeingViews = new List<byte[]>();
        foreach (var segmented in Cuts(crop))
        {
            if (segmented is null || segmented.Count != label.Length) continue;
            var reading = _reader.Read(segmented);
            int agreement = reading.Select((c, i) => c.Label == label[i].ToString() ? 1 : 0).Sum();
            if (agreement > best.Agreement) best = (agreement, segmented.Characters);
            if (agreement >= _minAgreement)
                agreeingViews.AddRange(segmented.ChineseCuts.TryGetValue(0, out var views) ? views : [segmented.Characters[0]]);
        }
        return (best.Agreement, best.Characters, agreeingViews);
    }

    /// <summary>The characters of the crop blurred by each of <see cref="Softenings"/>, where that cut agrees with the label too.</summary>
    private IReadOnlyList<IReadOnlyList<byte[]>> SoftCopies(Mat crop, string label)
    {
        var copies = new List<IReadOnlyList<byte[]>>();
        foreach (double sigma in Softenings)
        {
            using Mat blurred = new();
            Cv2.GaussianBlur(crop, blurred, new Size(0, 0), sigma);
            var (agreement, characters, _) = BestCut(blurred, label);
            if (agreement >= _minAgreement) copies.Add(characters);
        }
        return copies;
    }

    /// <summary>The images that differ from <paramref name="except"/> and from one another, in their first order.</summary>
    private static byte[][] Distinct(IEnumerable<byte[]> images, byte[] except)
    {
        var seen = new HashSet<string> { Convert.ToBase64String(except) };
        return images.Where(image => seen.Add(Convert.ToBase64String(image))).ToArray();
    }

    /// <summary>
    /// The cuts <see cref="PlateRecogniser.RecognisePlateImage"/> reads a crop from: the crop resized as it is, cut
    /// through the deskewer inside its own borders, and (when the characters lean) turned by the measured tilt.
    /// </summary>
    private IEnumerable<SegmentedPlate?> Cuts(Mat loaded)
    {
        using Mat crop = PhotoLoader.ToBgr8(loaded);
        using Mat upright = new();
        Cv2.Resize(crop, upright, _options.Deskew.OutputSize, 0, 0, InterpolationFlags.Area);
        var (color, _) = ColourClassifier.Classify(upright, _options.Locator.Colours);
        yield return _segmenter.Segment(upright, color);
        var whole = new RotatedRect(new Point2f(crop.Width / 2f, crop.Height / 2f), new Size2f(crop.Width, crop.Height), 0);
        using (Mat deskewed = _deskewer.Extract(crop, whole, color, refineBorders: false))
            yield return _segmenter.Segment(deskewed, color);
        double tilt = _segmenter.EstimateTilt(upright, color) * (crop.Rows / (double)upright.Rows) / (crop.Cols / (double)upright.Cols);
        if (tilt == 0) yield break;
        var turned = new RotatedRect(whole.Center, whole.Size, (float)(Math.Atan(tilt) * 180 / Math.PI));
        using Mat rotated = _deskewer.Extract(crop, turned, color, refineBorders: false);
        yield return _segmenter.Segment(rotated, color);
    }

    public void Dispose() => _reader.Dispose();
}
