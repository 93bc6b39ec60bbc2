using OpenCvSharp;

namespace Plates.Consume.Localisation;

/// <summary>Settings of <see cref="CandidateProposals"/>: the morphology and thresholds of the colour and edge searches.</summary>
public sealed record ProposalOptions
{
    /// <summary>
    /// The close that bridges the gaps the characters and the dot cut into a colour mask, so that a plate comes out as
    /// one blob even when only its thin top and bottom margins join the pieces.
    /// </summary>
    public Size ColourClose { get; init; } = new(7, 3);

    /// <summary>Share of its minimum-area box a colour blob fills at least; ragged blobs are scenery.</summary>
    public double ColourMinFill { get; init; } = 0.45;

    /// <summary>
    /// Mean value (HSV V, 0–255) below which a photo counts as dark: a plate lit like the rest of such a photo lies
    /// under the colour ranges' value floors (40–70), however clearly blue or yellow its hue and saturation are.
    /// </summary>
    public double DarkPhotoMeanValue { get; init; } = 60;

    /// <summary>Mean value a dark photo's V channel is scaled to before the colour search is repeated on it.</summary>
    public double BrightenedMeanValue { get; init; } = 110;

    /// <summary>Blur before the vertical edges are taken: JPEG noise and texture would otherwise pass for strokes.</summary>
    public Size EdgeBlur { get; init; } = new(5, 5);

    /// <summary>A wide, flat close that fuses the strokes of neighbouring characters into one plate-shaped blob.</summary>
    public Size EdgeClose { get; init; } = new(17, 3);

    /// <summary>The open that removes thin edge lines (poles, window frames) that the close has only lengthened.</summary>
    public Size EdgeOpen { get; init; } = new(3, 3);

    /// <summary>Share of its minimum-area box an edge blob fills at least.</summary>
    public double EdgeMinFill { get; init; } = 0.4;

    /// <summary>
    /// Local contrast equalisation of the second edge pass (CLAHE clip limit and tile grid): in dusk and night photos
    /// the plate's strokes are faint next to lamps and sky, and one global edge threshold keeps only the latter.
    /// </summary>
    public double ClaheClipLimit { get; init; } = 2.0;

    /// <inheritdoc cref="ClaheClipLimit"/>
    public Size ClaheTiles { get; init; } = new(8, 8);

    /// <summary>
    /// Rows of an edge blob too tall to be one plate that are filled under this share of its fullest row are cleared, so
    /// that the rows left are proposed on their own (<see cref="CandidateProposals.RowSplitBoxes"/>); 0 turns it off.
    /// Set, not tuned: the bolts that join a Hong Kong plate to the mainland plate under it fill about a tenth of a
    /// row of characters, and a row of characters fills most of its blob's width.
    /// </summary>
    public double RowSplitFill { get; init; } = 0.35;

    /// <summary>
    /// Shortest row, as a share of the blob's width, that counts as a stacked plate; a blob is split only where two rows
    /// are at least this long. Stacked plates are about equally long (the kinds photos' Hong Kong plate over a
    /// mainland one: 0.78 and 0.87 of the pair's width), while a two-row plate's upper row is about half its lower one
    /// (GA 36) and a date stamp or badge joined to scenery leaves one long row at most.
    /// </summary>
    public double RowSplitMinLength { get; init; } = 0.6;

    /// <summary>
    /// Factors a split row's box is grown by, in length and height: the rows cleared at its top and bottom held the
    /// characters' thin ends, and a box as tight as the strokes leaves too few whole characters in the verifier's patch
    /// (the kinds photo's 粤ZBD60港 row, as cut: 0 points; grown in height by 1.1 to 1.4: 0.81–0.82). A grown box no
    /// longer of a plate's size and shape (<see cref="CandidateProposals.IsPlausible"/>) is not proposed.
    /// </summary>
    public Size2f RowSplitGrowth { get; init; } = new(1.05f, 1.2f);

    /// <summary>Shortest plate height, in working-image pixels, worth proposing: lower, no character can be told.</summary>
    public double MinPlateHeight { get; init; } = 6;
}
