using OpenCvSharp;
using Plates.Consume.Colour;
using Plates.Consume.Imaging;

namespace Plates.Consume.Localisation;

/// <summary>
/// Finds licence plates in a street photo. Proposals come from plate background colours and from vertical-edge
/// density, each proposal is judged on its upright content, and overlapping survivors are suppressed. Stateless apart
/// from its options, so one instance can serve concurrent callers.
/// </summary>
public sealed class PlateLocator
{
    private readonly PlateLocatorOptions _options;
    private readonly CandidateVerifier _verifier;

    public PlateLocator(PlateLocatorOptions? options = null)
    {
        _options = options ?? new PlateLocatorOptions();
        _verifier = new CandidateVerifier(_options.Verifier, _options.Colours);
    }

    public PlateLocatorOptions Options => _options;

    /// <summary>Plates in the photo, best first, with boxes in photo pixels.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bgrPhoto"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="bgrPhoto"/> is empty or not 8-bit 3-channel.</exception>
    public IReadOnlyList<PlateCandidate> Locate(Mat bgrPhoto) => LocateGroups(bgrPhoto, 1).Select(g => g[0]).ToArray();

    /// <summary>
    /// Plates in the photo, best first, each as its best box followed by up to <paramref name="perPlate"/> − 1 other
    /// boxes of the same plate that scored lower, boxes in photo pixels.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="bgrPhoto"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="bgrPhoto"/> is empty or not 8-bit 3-channel.</exception>
    public IReadOnlyList<IReadOnlyList<PlateCandidate>> LocateGroups(Mat bgrPhoto, int perPlate)
    {
        ArgumentNullException.ThrowIfNull(bgrPhoto);
        if (bgrPhoto.Empty() || bgrPhoto.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException("Expected a non-empty 8-bit BGR image.", nameof(bgrPhoto));
        }

        double scale = WorkingScale(bgrPhoto.Width, bgrPhoto.Height, _options);
        using var work = Rescale(bgrPhoto, scale);
        using var hsv = new Mat();
        Cv2.CvtColor(work, hsv, ColorConversionCodes.BGR2HSV);
        using var gray = new Mat();
        Cv2.CvtColor(work, gray, ColorConversionCodes.BGR2GRAY);

        var proposals = new List<RotatedRect>();
        foreach (var colour in PlateColours.Saturated)
        {
            proposals.AddRange(CandidateProposals.FromColour(hsv, colour, _options));
        }

        // Again on a brightened copy of a dark photo: its plates fall under the value floors. Besides the plain pass,
        // not instead, because a lamp-lit plate in a night photo is bright already and would be washed out.
        using (var brightened = CandidateProposals.BrightenedIfDark(hsv, _options.Proposals))
        {
            if (brightened is not null)
            {
                foreach (var colour in PlateColours.Saturated)
                {
                    proposals.AddRange(CandidateProposals.FromColour(brightened, colour, _options));
                }
            }
        }

        proposals.AddRange(CandidateProposals.FromEdges(gray, _options));

        var distinct = RotatedBoxes.Deduplicate(proposals, _options.DuplicateIoU);
        var scored = new List<PlateCandidate>(distinct.Count);
        foreach (var box in distinct)
        {
            var candidate = Judge(work, box);
            if (candidate.Score >= _options.MinScore)
            {
                scored.Add(candidate);
            }
        }

        var groups = CandidateSuppression.SuppressGrouped(scored, _options.SuppressionOverlap, _options.MaxCandidates, Math.Max(1, perPlate));
        return groups
            .Select(g => (IReadOnlyList<PlateCandidate>)g.Select(c => c with { Box = RotatedBoxes.Scale(c.Box, 1 / scale) }).ToArray())
            .ToArray();
    }

    /// <summary>
    /// Like <see cref="WorkingScale(int, PlateLocatorOptions)"/>, but never makes a working image of more than
    /// <see cref="PlateLocatorOptions.MaxWorkingArea"/> times WorkingWidth² pixels.
    /// </summary>
    public static double WorkingScale(int photoWidth, int photoHeight, PlateLocatorOptions options)
    {
        double scale = WorkingScale(photoWidth, options);
        double maxPixels = options.MaxWorkingArea * options.WorkingWidth * options.WorkingWidth;
        double pixels = (double)photoWidth * photoHeight * scale * scale;
        return pixels > maxPixels ? scale * Math.Sqrt(maxPixels / pixels) : scale;
    }

    /// <summary>Factor from photo to working image: shrink wide photos for speed, enlarge tiny ones so kernels fit.</summary>
    public static double WorkingScale(int photoWidth, PlateLocatorOptions options)
    {
        if (photoWidth > options.WorkingWidth)
        {
            return (double)options.WorkingWidth / photoWidth;
        }

        return photoWidth < options.MinWorkingWidth ? (double)options.MinWorkingWidth / photoWidth : 1.0;
    }

    /// <summary>
    /// The photo resized by <paramref name="scale"/> (a new Mat, the caller disposes it). Shrinking halves with pixel
    /// averaging while the factor is 2 or more, then finishes bilinearly: as smooth as one area resize, which would
    /// keep thin strokes from aliasing, but an order of magnitude faster for non-integer factors.
    /// </summary>
    public static Mat Rescale(Mat photo, double scale)
    {
        var target = new Size(Math.Max(1, (int)Math.Round(photo.Width * scale)), Math.Max(1, (int)Math.Round(photo.Height * scale)));
        var current = photo.Clone();
        var size = current.Size();
        while (size.Width / 2 >= target.Width && size.Height / 2 >= target.Height)
        {
            var half = new Mat();
            size = new Size(size.Width / 2, size.Height / 2);
            Cv2.Resize(current, half, size, 0, 0, InterpolationFlags.Area);
            current.Dispose();
            current = half;
        }

        if (size == target)
        {
            return current;
        }

        var result = new Mat();
        Cv2.Resize(current, result, target, 0, 0, InterpolationFlags.Linear);
        current.Dispose();
        return result;
    }

    /// <summary>Scores one proposal (working-image coordinates) on its upright patch.</summary>
    public PlateCandidate Judge(Mat workBgr, RotatedRect box)
    {
        int minCharacterBlobs = _options.MinCharacterBlobs;
        var b = RotatedBoxes.Normalise(box);
        using var patch = _verifier.Warp(workBgr, b);
        var evidence = _verifier.Measure(patch, minCharacterBlobs, b.Angle);
        double score = evidence.CharacterBlobs < minCharacterBlobs ? 0 : _verifier.Score(evidence, b.Size.Width / b.Size.Height);
        return new PlateCandidate(b, evidence.Colour, score);
    }
}
