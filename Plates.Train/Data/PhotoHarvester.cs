using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Deskew;
using Plates.Consume.Imaging;
using Plates.Consume.Layout;
using Plates.Consume.Localisation;
using Plates.Consume.Recognition;
using Plates.Consume.Segmentation;
using Plates.Model.Labels;

namespace Plates.Train.Data;

/// <summary>Cuts one labelled image into characters for training (<see cref="HarvestRun"/> files what it keeps).</summary>
public interface IPlateHarvester
{
    /// <summary>The folder of the models that check the cuts.</summary>
    string ModelsFolder { get; }

    /// <summary>Characters of a cut that must read as labelled for its characters to be kept.</summary>
    int MinAgreement { get; }

    /// <summary>Whether the images are whole photos (located, every layout fitting the label tried) rather than plate crops.</summary>
    bool LocatesPlates { get; }

    /// <summary>Cuts one image named for its plate; never throws for a bad image (it is reported as rejected).</summary>
    HarvestedPlate Harvest(string path);
}

/// <summary>
/// Cuts labelled photos of any plate kind (file name = plate text: 沪A1707领.jpg, 使198476.jpg) into characters with the
/// recogniser's own stages: the locator's candidates, each deskewed with its refined and its own borders, cut on the
/// layout of every format the label fits (<see cref="PlateFormat.Allows"/>: a Hong Kong plate's 粤Z…港 only as the
/// Hong Kong format) in each colour that format comes in, and read by that format. The cut whose reading agrees with
/// the label at most positions is kept when it agrees at <c>minAgreement</c> or more; each character is filed under the
/// model that reads its position in that format (<see cref="HarvestedPlate.Folders"/>: a police plate's 警 under
/// special/, its province under province/). A position the format fixes to one label (the 领 of a consulate plate, the
/// 粤 and Z of a Hong Kong one) reads as that label whatever the model says, so it always agrees: <c>minAgreement</c> 5
/// of 7 allows two characters read otherwise among the positions the format leaves open, as for a crop, and the special
/// character is kept on its neighbours' word that the cut is in place. That is the point: the special model reads
/// real specials worse than rendered ones (a real 领 at P(领) 0.02, the rest 其), and such crops are what there is to
/// learn from. The checking models must include special.zip, or no special format can be read at all.
/// </summary>
public sealed class PhotoHarvester : IPlateHarvester, IDisposable
{
    private readonly PlateReader _reader;
    private readonly RecogniserOptions _options;
    private readonly PlateLocator _locator;
    private readonly PlateDeskewer _deskewer;
    private readonly CharacterSegmenter _segmenter;

    /// <param name="modelsFolder">The models that read the cuts to check them (not the ones being trained).</param>
    /// <param name="minAgreement">Characters that must read as labelled for a cut to count as agreeing with the label.</param>
    /// <param name="options">The recogniser's options the plates are located and cut with (default: the recogniser's defaults).</param>
    public PhotoHarvester(string modelsFolder, int minAgreement, RecogniserOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minAgreement);
        _options = options ?? new RecogniserOptions();
        _reader = new PlateReader(modelsFolder);
        _locator = new PlateLocator(_options.Locator);
        _deskewer = new PlateDeskewer(_options.Deskew);
        _segmenter = new CharacterSegmenter(_options.Segmenter);
        ModelsFolder = modelsFolder;
        MinAgreement = minAgreement;
    }

    public string ModelsFolder { get; }

    public int MinAgreement { get; }

    public bool LocatesPlates => true;

    public HarvestedPlate Harvest(string path)
    {
        string label = System.IO.Path.GetFileNameWithoutExtension(path);
        var formats = _options.Formats.Where(f => Fits(f, label)).ToArray();
        if (formats.Length == 0)
            return new HarvestedPlate(path, label, 0, [], _options.Formats.Any(f => f.Allows(label))
                ? $"the models in {ModelsFolder} cannot read the plate formats the label fits (a special plate's character needs special.zip)"
                : "no plate format fits the label");
        try
        {
            using Mat loaded = PhotoLoader.Load(path, _options.MaxPixels);
            using Mat photo = PhotoLoader.ToBgr8(loaded);
            var best = BestCut(photo, label, formats);
            if (best is null) return new HarvestedPlate(path, label, 0, [], $"no located plate could be cut into {label.Length} characters on a layout the label fits");
            var (agreement, settings, characters) = best.Value;
            if (agreement < MinAgreement)
                return new HarvestedPlate(path, label, agreement, [], $"the best cut reads {agreement} of {label.Length} characters as labelled (at least {MinAgreement} wanted)");
            return new HarvestedPlate(path, label, agreement, characters, null)
            {
                Folders = FoldersOf(settings.Format),
                SoftCopies = Views(photo, settings, label),
            };
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            return new HarvestedPlate(path, label, 0, [], e.Message);
        }
    }

    /// <summary>
    /// Whether the label can be a plate of the format: as many characters, each allowed at its position and a class of
    /// the model that reads it there (学 is no letter or digit, so 琼A6716学 is no standard plate).
    /// </summary>
    private bool Fits(PlateFormat format, string label) =>
        format.Allows(label) && label.Length == format.Count
        && Enumerable.Range(0, format.Count).All(i => _reader.Labels(format.Characters[i].Model).Contains(label[i].ToString()));

    /// <summary>The training folder (model) each position of the format is read by.</summary>
    public static IReadOnlyList<string> FoldersOf(PlateFormat format) =>
        format.Characters.Select(c => c.Model switch
        {
            CharacterModelSlot.Chinese => LabelSets.Province.Name,
            CharacterModelSlot.Letter => LabelSets.City.Name,
            CharacterModelSlot.Special => LabelSets.Special.Name,
            _ => LabelSets.Alnum.Name,
        }).ToArray();

    /// <summary>Where and how a plate was cut: its box in the photo, the format, the colours it was deskewed and cut as, and the borders.</summary>
    private readonly record struct CutSettings(RotatedRect Box, PlateFormat Format, PlateColor DeskewColour, PlateColor Colour, bool Refine);

    /// <summary>The cut agreeing with the label at most positions (on a tie the surer reading), or null when none could be made.</summary>
    private (int Agreement, CutSettings Settings, IReadOnlyList<byte[]> Characters)? BestCut(Mat photo, string label, IReadOnlyList<PlateFormat> formats)
    {
        (int Agreement, double Confidence, CutSettings Settings, IReadOnlyList<byte[]> Characters)? best = null;
        foreach (var group in _locator.LocateGroups(photo, _options.BoxesPerPlate).Take(_options.MaxCandidates))
        foreach (var candidate in group)
        foreach (var format in formats)
        foreach (bool refine in new[] { true, false })
        // Deskewed as located (the colour the recogniser deskews with: a yellow plate classed green is cut from that
        // box) and as each colour the format comes in; cut as each of those.
        foreach (var deskewColour in format.Colourings.Select(c => c.Background).Prepend(candidate.Color).Distinct())
        {
            using var upright = _deskewer.Deskew(photo, candidate.Box, deskewColour, format.Layout, refine);
            if (upright.TwoRow != format.IsTwoRow) continue;
            foreach (var colouring in format.Colourings)
            {
                var settings = new CutSettings(candidate.Box, format, deskewColour, colouring.Background, refine);
                if (CutUpright(upright.Image, format, colouring.Background, label) is not { } cut) continue;
                if (best is null || cut.Agreement > best.Value.Agreement || (cut.Agreement == best.Value.Agreement && cut.Confidence > best.Value.Confidence))
                    best = (cut.Agreement, cut.Confidence, settings, cut.Characters);
            }
        }
        return best is { } found ? (found.Agreement, found.Settings, found.Characters) : null;
    }

    /// <summary>The plate cut and read as the settings say: how many characters read as labelled, the reading's confidence and the characters; null when it could not be cut.</summary>
    private (int Agreement, double Confidence, IReadOnlyList<byte[]> Characters)? Cut(Mat photo, CutSettings settings, string label)
    {
        using var upright = _deskewer.Deskew(photo, settings.Box, settings.DeskewColour, settings.Format.Layout, settings.Refine);
        return upright.TwoRow == settings.Format.IsTwoRow ? CutUpright(upright.Image, settings.Format, settings.Colour, label) : null;
    }

    /// <summary>An upright plate cut on the format's layout as a plate of <paramref name="colour"/> and read by the format, as <see cref="Cut"/>.</summary>
    private (int Agreement, double Confidence, IReadOnlyList<byte[]> Characters)? CutUpright(Mat upright, PlateFormat format, PlateColor colour, string label)
    {
        var (always, either) = ChineseCuts(format, colour);
        // Half in shadow, a plate with dark characters cuts only as the recogniser's retry cuts it (CharacterSegmenter.SegmentShaded).
        var segmented = _segmenter.Segment(upright, colour, format.Layout, always, either)
            ?? (_options.Segmenter.ShadedRetryColours.Contains(colour)
                ? _segmenter.SegmentShaded(upright, colour, format.Layout, always, either) : null);
        if (segmented is null || segmented.Count != format.Count) return null;
        var (_, read) = _reader.Read(segmented, [format])[0];
        if (read is null) return null;
        int agreement = read.Select((c, i) => c.Label == label[i].ToString() ? 1 : 0).Sum();
        return (agreement, ReadingRules.GeometricMean(read.Select(c => (double)c.Confidence).ToArray()), segmented.Characters);
    }

    /// <summary>
    /// The best cut made again from the photo as other cameras would see it (<see cref="ViewScales"/>,
    /// <see cref="ViewBlurs"/>, <see cref="ViewGains"/>), one list of characters per view whose cut still agrees with
    /// the label: a kind of which the data holds one photo gives the model that plate's strokes as a farther, softer
    /// or dimmer camera cuts them, not only the one cut of the photo as it is.
    /// </summary>
    private IReadOnlyList<IReadOnlyList<byte[]>> Views(Mat photo, CutSettings settings, string label)
    {
        var views = new List<IReadOnlyList<byte[]>>();
        void Keep(Mat seen, CutSettings at)
        {
            if (Cut(seen, at, label) is { } cut && cut.Agreement >= MinAgreement) views.Add(cut.Characters);
        }
        foreach (double scale in ViewScales)
        {
            using Mat smaller = new();
            Cv2.Resize(photo, smaller, new Size(0, 0), scale, scale, InterpolationFlags.Area);
            var box = settings.Box;
            Keep(smaller, settings with { Box = new RotatedRect(new Point2f(box.Center.X * (float)scale, box.Center.Y * (float)scale), new Size2f(box.Size.Width * scale, box.Size.Height * scale), box.Angle) });
        }
        foreach (double sigma in ViewBlurs)
        {
            using Mat blurred = new();
            // σ in the plate's own height: the same softness whatever the photo's size.
            double pixels = sigma * Math.Min(settings.Box.Size.Width, settings.Box.Size.Height);
            Cv2.GaussianBlur(photo, blurred, new Size(0, 0), Math.Max(pixels, 0.3));
            Keep(blurred, settings);
        }
        foreach (double gain in ViewGains)
        {
            using Mat dimmer = new();
            photo.ConvertTo(dimmer, MatType.CV_8UC3, gain, 0);
            Keep(dimmer, settings);
        }
        return views;
    }

    /// <summary>
    /// Scales the photo is also cut at (a farther camera): two steps down to half the size, chosen, not tuned. Further
    /// down the strokes merge: at 0.45 the kinds photos' 警 and 领 cut as blobs.
    /// </summary>
    public static IReadOnlyList<double> ViewScales { get; } = [0.7, 0.5];

    /// <summary>
    /// Blurs the photo is also cut at, σ as a share of the plate box's height (a softer camera). At 0.08 the 使 and 港
    /// of the kinds photos cut as one blob of ink: no character's image, so not taught as one.
    /// </summary>
    public static IReadOnlyList<double> ViewBlurs { get; } = [0.025];

    /// <summary>
    /// Gains the photo is also cut at (a dimmer exposure): one step about half as bright, chosen, not tuned; dimmer
    /// than that the red characters (领, 警) fall towards the background's level.
    /// </summary>
    public static IReadOnlyList<double> ViewGains { get; } = [0.55];

    /// <summary>
    /// The positions cut as Chinese characters always and either way, as the recogniser cuts the layout for a plate of
    /// this colour (<see cref="FormatReader"/>: over every format of the colour sharing the layout). Cutting a learner
    /// plate's 学 as surely Chinese moves the cut (measured on 琼A6716学: 2 of 7 characters right, against 6 as the
    /// recogniser cuts it), and the harvest is to teach the models the cuts the recogniser makes.
    /// </summary>
    private (IReadOnlyList<int> Always, IReadOnlyList<int> Either) ChineseCuts(PlateFormat format, PlateColor colour)
    {
        var sharing = PlateFormats.For(_options.Formats, colour, format.IsTwoRow).Where(f => f.Layout == format.Layout).DefaultIfEmpty(format).ToArray();
        return PlateFormats.ChineseCuts(sharing);
    }

    public void Dispose() => _reader.Dispose();
}
