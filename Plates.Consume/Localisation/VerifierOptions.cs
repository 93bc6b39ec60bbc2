using OpenCvSharp;
using Plates.Consume.Characters;
using Plates.Consume.Imaging;

namespace Plates.Consume.Localisation;

/// <summary>
/// Settings of <see cref="CandidateVerifier"/>: what of a proposal's upright patch is measured and how the measurements
/// make its plate score. The score is shape × (<see cref="CharacterWeight"/> × characters + <see cref="TransitionWeight"/>
/// × transitions + <see cref="ColourWeight"/> × colour), each ingredient in 0..1.
/// </summary>
public sealed record VerifierOptions
{
    /// <summary>Size of the patch proposals are judged on.</summary>
    public Size PatchSize { get; init; } = PlateImage.StandardSize;

    /// <summary>The stroke masks and the characters counted in them.</summary>
    public CharacterMaskOptions Characters { get; init; } = new();

    /// <summary>Brightening of a dim patch before its colour is judged again.</summary>
    public ExposureOptions Exposure { get; init; } = new();

    /// <summary>The shear search of the retry that stands leaning characters upright.</summary>
    public StrokeShearOptions Shear { get; init; } = new();

    /// <summary>
    /// A box this far off horizontal, in degrees, is a plate seen at a strong angle: its characters keep standing nearly
    /// upright in the photo, so across the box they lean by about the box's angle, merge, and none counts until the lean
    /// is removed. Level boxes, nearly all proposals, are spared that retry unless they already show a few characters.
    /// </summary>
    public double SteepBoxDegrees { get; init; } = 25;

    /// <summary>
    /// The retry on a level box is worth it only when it fell this few characters short: a plate seen from the side
    /// has slanted characters whose boxes are too wide and touch each other, but a few already show.
    /// </summary>
    public int RetryShortfall { get; init; } = 2;

    /// <summary>Smallest shear (horizontal pixels per row) worth standing upright for the retry: less leaves the characters as they were.</summary>
    public double MinRetryShear { get; init; } = 0.15;

    /// <summary>Rows, as shares of the patch height, along which transitions are counted: through the characters' middle.</summary>
    public IReadOnlyList<double> TransitionRows { get; init; } = [0.35, 0.5, 0.65];

    /// <summary>
    /// Characters counted for no credit and for full credit: two blobs are what bolts or a badge show, six a plate
    /// whose Chinese character fell apart.
    /// </summary>
    public int CharactersForNone { get; init; } = 2;

    /// <inheritdoc cref="CharactersForNone"/>
    public int CharactersForFull { get; init; } = 6;

    /// <summary>
    /// Transitions for full credit lie from <see cref="TransitionsFullFrom"/> to <see cref="TransitionsFullTo"/>; the credit
    /// rises from <see cref="TransitionsNoneBelow"/> and falls to none at <see cref="TransitionsNoneAbove"/>. Seven
    /// characters crossed two to four times each make 14–28; flat regions make few, foliage and grilles many.
    /// </summary>
    public double TransitionsNoneBelow { get; init; } = 6;

    /// <inheritdoc cref="TransitionsNoneBelow"/>
    public double TransitionsFullFrom { get; init; } = 10;

    /// <inheritdoc cref="TransitionsNoneBelow"/>
    public double TransitionsFullTo { get; init; } = 40;

    /// <inheritdoc cref="TransitionsNoneBelow"/>
    public double TransitionsNoneAbove { get; init; } = 60;

    /// <summary>Share of the patch in a saturated plate colour's strict range that earns full colour credit: characters, frame and margins take the rest.</summary>
    public double ColourFullShare { get; init; } = 0.5;

    /// <summary>Colour credit of a white or black patch: plates of those colours exist, but so do countless white and black things.</summary>
    public double GreyColourCredit { get; init; } = 0.4;

    /// <summary>
    /// Shape factor by the box's length over height: a plate is 3.14; below 2 (<see cref="SquatShape"/>) or 2.5
    /// (<see cref="ShortShape"/>) it is more likely a lamp or a badge, beyond 5 (<see cref="LongShape"/>) a strip of text
    /// or a grille; perspective and loose boxes keep the penalties mild.
    /// </summary>
    public double SquatShape { get; init; } = 0.6;

    /// <inheritdoc cref="SquatShape"/>
    public double ShortShape { get; init; } = 0.85;

    /// <inheritdoc cref="SquatShape"/>
    public double LongShape { get; init; } = 0.75;

    /// <summary>The aspects where <see cref="SquatShape"/>, <see cref="ShortShape"/>, full shape and <see cref="LongShape"/> take over.</summary>
    public double SquatBelow { get; init; } = 2;

    /// <inheritdoc cref="SquatBelow"/>
    public double ShortBelow { get; init; } = 2.5;

    /// <inheritdoc cref="SquatBelow"/>
    public double LongAbove { get; init; } = 5;

    /// <summary>
    /// Weights of the ingredients. Characters weigh most because they are what the recogniser needs; colour confirms a
    /// plate background; transitions penalise both flat regions and dense texture.
    /// </summary>
    public double CharacterWeight { get; init; } = 0.5;

    /// <inheritdoc cref="CharacterWeight"/>
    public double TransitionWeight { get; init; } = 0.2;

    /// <inheritdoc cref="CharacterWeight"/>
    public double ColourWeight { get; init; } = 0.3;
}
