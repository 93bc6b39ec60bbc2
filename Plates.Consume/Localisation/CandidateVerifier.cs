using OpenCvSharp;
using Plates.Consume.Characters;
using Plates.Consume.Colour;
using Plates.Consume.Imaging;

namespace Plates.Consume.Localisation;

/// <summary>
/// Scores proposals by looking at their content: a plate is a coloured band holding a row of 5–8 characters.
/// Stateless apart from its options, so one instance can serve concurrent callers.
/// </summary>
public sealed class CandidateVerifier
{
    private readonly VerifierOptions _options;
    private readonly PlateColours _colours;

    public CandidateVerifier(VerifierOptions? options = null, PlateColours? colours = null)
    {
        _options = options ?? new VerifierOptions();
        _colours = colours ?? PlateColours.Standard;
    }

    public VerifierOptions Options => _options;

    /// <summary>
    /// Cuts a rotated box out of an image into an upright patch of <see cref="VerifierOptions.PatchSize"/> (the caller
    /// disposes it). The box's long side becomes the patch width, its top edge the patch top.
    /// </summary>
    public Mat Warp(Mat image, RotatedRect box) =>
        AffineMap.BoxToPatch(box, _options.PatchSize).Warp(image, _options.PatchSize, InterpolationFlags.Linear, BorderTypes.Replicate);

    /// <summary>Measures an upright BGR patch of <see cref="VerifierOptions.PatchSize"/>.</summary>
    /// <param name="bgrPatch">The patch.</param>
    /// <param name="minCharacterBlobs">
    /// Below this many characters the patch cannot be a readable plate, so colour and transitions are not measured
    /// (they stay Unknown and 0): most proposals are rejected this way at the price of one threshold and labelling.
    /// </param>
    /// <param name="boxAngle">Angle of the box the patch was cut from, degrees off horizontal (see <see cref="VerifierOptions.SteepBoxDegrees"/>).</param>
    public PlateEvidence Measure(Mat bgrPatch, int minCharacterBlobs = 0, double boxAngle = 0)
    {
        var characters = CharacterMasks.CharacterMask(bgrPatch, PlateColor.Unknown, _options.Characters, out int blobs);
        try
        {
            if (blobs < minCharacterBlobs && (blobs + _options.RetryShortfall >= minCharacterBlobs || Math.Abs(boxAngle) >= _options.SteepBoxDegrees))
            {
                // A plate seen from the side has slanted characters whose boxes are too wide and touch each other.
                // Standing them upright is only worth trying where a few characters already showed, or on a steep box,
                // where the slant can be so strong that no character shows until it is removed.
                double shear = StrokeShear.FromEdges(bgrPatch, _options.Shear);
                if (Math.Abs(shear) >= _options.MinRetryShear)
                {
                    using var upright = Unshear(bgrPatch, shear);
                    var uprightCharacters = CharacterMasks.CharacterMask(upright, PlateColor.Unknown, _options.Characters, out int uprightBlobs);
                    if (uprightBlobs > blobs)
                    {
                        characters.Dispose();
                        characters = uprightCharacters;
                        blobs = uprightBlobs;
                    }
                    else
                    {
                        uprightCharacters.Dispose();
                    }
                }
            }

            if (blobs < minCharacterBlobs)
            {
                return new PlateEvidence(PlateColor.Unknown, 0, blobs, 0);
            }

            var (colour, fraction) = ColourClassifier.ClassifyExposed(bgrPatch, _colours, _options.Exposure);
            return new PlateEvidence(colour, fraction, blobs, MeanTransitions(characters));
        }
        finally
        {
            characters.Dispose();
        }
    }

    /// <summary>The patch with rows shifted sideways by <paramref name="shear"/> per row about its middle (a new Mat).</summary>
    public static Mat Unshear(Mat patch, double shear) =>
        AffineMap.HorizontalShear(shear, patch.Rows / 2.0).Warp(patch, patch.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);

    /// <summary>Mean number of value changes along the rows of <see cref="VerifierOptions.TransitionRows"/>.</summary>
    public double MeanTransitions(Mat characterMask)
    {
        double total = 0;
        var levels = _options.TransitionRows;
        int rows = characterMask.Rows;
        foreach (double level in levels)
        {
            // Three rows only: a submatrix per row costs nothing worth avoiding, and Clone makes it continuous for GetArray.
#pragma warning disable OCVS003
            using var line = characterMask.Row((int)(level * rows));
#pragma warning restore OCVS003
            using var copy = line.Clone();
            copy.GetArray(out byte[] values);
            int changes = 0;
            for (int x = 1; x < values.Length; x++)
            {
                if (values[x] != values[x - 1])
                {
                    changes++;
                }
            }

            total += changes;
        }

        return total / levels.Count;
    }

    /// <summary>
    /// Plate-likeness in 0..1 (<see cref="VerifierOptions"/>). Characters weigh most because they are what the recogniser
    /// needs; colour confirms a plate background; the transition count penalises both flat regions and dense texture
    /// such as foliage or grilles; a box of the wrong shape scales it all down.
    /// </summary>
    /// <param name="evidence">What the patch showed.</param>
    /// <param name="aspect">Length over height of the box the patch was cut from.</param>
    public double Score(PlateEvidence evidence, double aspect)
    {
        var o = _options;
        double characters = Math.Clamp((evidence.CharacterBlobs - o.CharactersForNone) / (double)(o.CharactersForFull - o.CharactersForNone), 0, 1);
        double t = evidence.Transitions;
        double transitions = t < o.TransitionsNoneBelow ? 0
            : t < o.TransitionsFullFrom ? (t - o.TransitionsNoneBelow) / (o.TransitionsFullFrom - o.TransitionsNoneBelow)
            : t <= o.TransitionsFullTo ? 1
            : t < o.TransitionsNoneAbove ? (o.TransitionsNoneAbove - t) / (o.TransitionsNoneAbove - o.TransitionsFullTo)
            : 0;
        double colour = PlateColours.Saturated.Contains(evidence.Colour)
            ? Math.Clamp(evidence.ColourFraction / o.ColourFullShare, 0, 1)
            : evidence.Colour is PlateColor.White or PlateColor.Black ? o.GreyColourCredit : 0;
        double shape = aspect < o.SquatBelow ? o.SquatShape
            : aspect < o.ShortBelow ? o.ShortShape
            : aspect <= o.LongAbove ? 1
            : o.LongShape;
        return shape * (o.CharacterWeight * characters + o.TransitionWeight * transitions + o.ColourWeight * colour);
    }
}
