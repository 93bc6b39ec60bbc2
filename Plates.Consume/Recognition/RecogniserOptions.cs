using Plates.Consume.Deskew;
using Plates.Consume.Layout;
using Plates.Consume.Localisation;
using Plates.Consume.Segmentation;

namespace Plates.Consume.Recognition;

/// <summary>
/// Settings of <see cref="PlateRecogniser"/>: each stage's own options, handed to the stage it builds, and the rules that
/// judge a reading. The defaults are the ones the README's figures were measured with.
/// </summary>
public sealed record RecogniserOptions
{
    /// <summary>How plates are found in a photo.</summary>
    public PlateLocatorOptions Locator { get; init; } = new();

    /// <summary>How a found plate is cut out upright.</summary>
    public DeskewOptions Deskew { get; init; } = new();

    /// <summary>How an upright plate is cut into characters.</summary>
    public SegmenterOptions Segmenter { get; init; } = new();

    /// <summary>
    /// The kinds of plate read, as data (<see cref="PlateFormats"/>): a plate is cut and read as each format its colour
    /// allows, and the best reading is kept.
    /// </summary>
    public IReadOnlyList<PlateFormat> Formats { get; init; } = PlateFormats.All;

    /// <summary>
    /// How much ink outside a layout's boxes counts against its reading when formats of different layouts compete: a
    /// reading scores its characters' geometric-mean confidence times <see cref="Segmentation.SegmentedPlate.FitShare"/>
    /// to this power. A seven-character layout laid on an eight-character plate reads surely, seven characters of
    /// eight, and leaves an eighth of the ink outside (share 0.875, scored ×0.59 at 4). Formats of one layout share
    /// the fit, so their readings alone decide between them.
    /// </summary>
    public double FitShareWeight { get; init; } = 4;

    /// <summary>
    /// Colours whose hue a colour cast gives a plate of another shade, with the colour it is then also read as (the
    /// better reading wins, under its colour). A blue plate in warm light or with a camera's green tint looks yellow or
    /// green, which calls for dark characters where there are white ones, and the cut lands on the background; read
    /// as blue too, it reads. (Measured with the shipped models: crops-zj exact 729 → 736 of 797 and first character
    /// 752 → 759, no plate lost; crops exact 187 → 188; the scenes unchanged. Blue plates, whose hue a cast does not
    /// turn yellow, are read once.) Black is read as white too: a white plate in a black holder, dimly lit, is classed
    /// black with it (the kinds photos' police plate darkened to 65% and 50%, read as white on both of those probes
    /// and on neither before; the four sets and every cell of the scene probes unchanged; 12 of the 427 candidates
    /// of the scenes are classed black and read twice).
    /// </summary>
    public IReadOnlyDictionary<PlateColor, PlateColor> CastColours { get; init; } = new Dictionary<PlateColor, PlateColor>
    {
        [PlateColor.Yellow] = PlateColor.Blue,
        [PlateColor.Green] = PlateColor.Blue,
        [PlateColor.Black] = PlateColor.White,
    };

    /// <summary>
    /// A plate crop (<see cref="PlateRecogniser.RecognisePlateImage"/>) whose first cut, the crop as given, reads every
    /// character at least this surely is taken as read: the two other cuts (through the deskewer, and turned by the
    /// measured tilt), each read in full, are not made, which saves about two thirds of the crop's time; likewise the
    /// third cut when the surer of the first two readings is that sure. Measured with the shipped models (those of
    /// the special model's commit) on crops and crops-zj (997 crops): at 0.95, 660 first readings qualify and none
    /// differs from the reading of all three cuts, and 91 more stop after the second cut, none differing; at 0.93 one
    /// first reading differs (冀AY6N62, whose first cut reads 冀AY6N6Z with every character at least 0.9305), and an
    /// exact plate is lost. (With the models before, 0.93 changed none: the figure follows the models, so measure it
    /// again after retraining.) The cut's fit share (<see cref="FormatReading.FitShare"/>) did not part the changed
    /// readings from the others, so it is not asked for. Above 1 the three cuts are always read.
    /// </summary>
    public double SureCropCharacterAbove { get; init; } = 0.95;

    /// <summary>Photos with more pixels than this are refused: files and streams from their header, before decoding; Mats at the call.</summary>
    public long MaxPixels { get; init; } = 50_000_000;

    /// <summary>A candidate whose overall confidence is below this is taken for something that is not a plate and dropped.</summary>
    public double RejectBelow { get; init; } = 0.3;

    /// <summary>A plate any of whose characters reads below this is flagged <see cref="RecognisedPlate.IsLowConfidence"/>.</summary>
    public double LowConfidenceBelow { get; init; } = 0.6;

    /// <summary>
    /// A candidate with more characters than this under <see cref="LowConfidenceBelow"/> is dropped as not a plate.
    /// Real plates in the scenes never had more than two (a province character and one smudged or cut one); date
    /// stamps, signs, grilles and road texture often have three or more.
    /// </summary>
    public int MaxUnsureCharacters { get; init; } = 2;

    /// <summary>
    /// A candidate whose characters, leaving out the weakest, have a geometric-mean confidence under this is dropped as
    /// not a plate: one hard character is normal, a row read unsurely throughout is not plate characters.
    /// </summary>
    public double RejectRestBelow { get; init; } = 0.8;

    /// <summary>
    /// A candidate whose box stands more than this many degrees off horizontal is dropped: a plate's row is roughly level
    /// in an upright photo (EXIF orientation is applied), while upright strips of grille bars and lane lines read as 1s.
    /// </summary>
    public double MaxTiltDegrees { get; init; } = 60;

    /// <summary>
    /// A located reading that is unsure (a character under <see cref="LowConfidenceBelow"/>) and has more 1s than this
    /// after its first two characters is dropped. Evenly spaced upright bars (grilles, fences, railings) cut as a plate
    /// read as a row of 1s behind a 川 (three bars) or a letter, nearly always unsure somewhere. Serials with four or five
    /// 1s are issued (with five digits at random, about one in 2,000), and a sure reading of one is kept; none of the
    /// 1,138 plates of the four data sets has more than three. Crops are not judged.
    /// </summary>
    public int MaxOnesAfterCity { get; init; } = 3;

    /// <summary>At most this many candidates per photo are cut and read (best located first).</summary>
    public int MaxCandidates { get; init; } = 6;

    /// <summary>
    /// Boxes of one plate that are cut and read, the best located first; the surest reading wins. Overlapping boxes
    /// differ in margins, frame and neighbouring badges, which the locator's score cannot weigh but the reading can.
    /// The next box is read only while no reading has every character sure, so clear plates cost one read.
    /// </summary>
    public int BoxesPerPlate { get; init; } = 3;

    /// <summary>
    /// A located plate read with every character sure is still cut again from its other boxes (<see cref="BoxesPerPlate"/>,
    /// then the located box's own borders) when its cut left more than this share of the band's ink outside the
    /// layout's boxes (<see cref="Segmentation.SegmentedPlate.FitShare"/>): a row laid one box off (a frame side taken
    /// for the last character, a character left in a gap) reads surely but wrongly. Measured on the scenes: 0.95, 0.97
    /// and 0.99 read 苏CTF181 exactly, otherwise 苏C11811 from a cut whose share is 0.943 (exact 120 → 121, at most one
    /// error 126 → 127, nothing else changed, false detections 11); 0.9 changes nothing. At 0.97, 19 sure readings of
    /// the 128 photos are cut again. The crops are not affected: <see cref="PlateRecogniser.RecognisePlateImage"/> has
    /// its own rule (<see cref="SureCropCharacterAbove"/>).
    /// </summary>
    public double RetryFitShareBelow { get; init; } = 0.97;
}
