namespace Plates.Consume.Layout;

/// <summary>
/// The catalogue of plate formats the recogniser knows (GA 36-2018 and the special plates), and which of them a plate
/// of a given colour may be. Immutable data: a recogniser with other formats is made with another list in
/// <c>RecogniserOptions.Formats</c>.
/// </summary>
public static class PlateFormats
{
    private static readonly CharacterClass P = CharacterClass.Province, L = CharacterClass.CityLetter,
        A = CharacterClass.LetterOrDigit, D = CharacterClass.Digit, E = CharacterClass.EnergyType;

    private const CharacterShade Bright = CharacterShade.Bright, Dark = CharacterShade.Dark;

    /// <summary>Province, city letter, five letters or digits: blue small cars, yellow large vehicles (and old black and white plates).</summary>
    public static PlateFormat Standard { get; } = new("standard", PlateKind.Standard, PlateLayout.StandardSingleRow, [7],
        [new(PlateColor.Blue, Bright), new(PlateColor.Yellow, Dark), new(PlateColor.Black, Bright), new(PlateColor.White, Dark)], [P, L, A, A, A, A, A])
    {
        MaxSerialLetters = 2,
    };

    /// <summary>Gradient-green small car: province, city letter, D or F, a letter or digit, four digits.</summary>
    public static PlateFormat NewEnergySmall { get; } = new("new energy, small car", PlateKind.NewEnergySmall, PlateLayout.NewEnergy, [8],
        [new(PlateColor.Green, Dark)], [P, L, E, A, D, D, D, D]);

    /// <summary>Yellow-and-green large vehicle: province, city letter, five digits, D or F.</summary>
    public static PlateFormat NewEnergyLarge { get; } = new("new energy, large vehicle", PlateKind.NewEnergyLarge, PlateLayout.NewEnergy, [8],
        [new(PlateColor.Green, Dark), new(PlateColor.Yellow, Dark)], [P, L, D, D, D, D, D, E]);

    /// <summary>Yellow rear plate in two rows: province and city letter over five letters or digits.</summary>
    public static PlateFormat TwoRow { get; } = new("two rows", PlateKind.TwoRow, PlateLayout.StandardSingleRow, [2, 5],
        [new(PlateColor.Yellow, Dark)], [P, L, A, A, A, A, A])
    {
        MaxSerialLetters = 2,
    };

    /// <summary>White police plate: province, the dot, city letter, four letters or digits, a red 警.</summary>
    public static PlateFormat Police { get; } = new("police", PlateKind.Police, PlateLayout.Police, [7],
        [new(PlateColor.White, Dark)], [P, L, A, A, A, A, CharacterClass.Special("警")]);

    /// <summary>Yellow learner plate: province, city letter, four letters or digits, 学.</summary>
    public static PlateFormat Learner { get; } = new("learner", PlateKind.Learner, PlateLayout.StandardSingleRow, [7],
        [new(PlateColor.Yellow, Dark)], [P, L, A, A, A, A, CharacterClass.Special("学")]);

    /// <summary>Yellow trailer plate in one row: province, city letter, four letters or digits, 挂.</summary>
    public static PlateFormat Trailer { get; } = new("trailer", PlateKind.Trailer, PlateLayout.StandardSingleRow, [7],
        [new(PlateColor.Yellow, Dark)], [P, L, A, A, A, A, CharacterClass.Special("挂")]);

    /// <summary>Yellow trailer plate in two rows: province and city letter over four letters or digits and 挂.</summary>
    public static PlateFormat TwoRowTrailer { get; } = new("trailer, two rows", PlateKind.Trailer, PlateLayout.StandardSingleRow, [2, 5],
        [new(PlateColor.Yellow, Dark)], [P, L, A, A, A, A, CharacterClass.Special("挂")]);

    /// <summary>Black Guangdong–Hong Kong or –Macau plate: 粤Z, four letters or digits, 港 or 澳.</summary>
    public static PlateFormat HongKongMacau { get; } = new("Hong Kong or Macau", PlateKind.HongKongMacau, PlateLayout.StandardSingleRow, [7],
        [new(PlateColor.Black, Bright)],
        [CharacterClass.Chinese("粤"), CharacterClass.Exactly(CharacterModelSlot.Letter, "Z"), A, A, A, A, CharacterClass.Special("港", "澳")]);

    /// <summary>Black consulate plate: province, city letter, four digits, 领.</summary>
    public static PlateFormat Consulate { get; } = new("consulate", PlateKind.Consulate, PlateLayout.StandardSingleRow, [7],
        [new(PlateColor.Black, Bright)], [P, L, D, D, D, D, CharacterClass.Special("领")]);

    /// <summary>Black embassy plate: 使, three digits, the dot, three digits.</summary>
    public static PlateFormat Embassy { get; } = new("embassy", PlateKind.Embassy, PlateLayout.Embassy, [7],
        [new(PlateColor.Black, Bright)], [CharacterClass.Special("使"), D, D, D, D, D, D]);

    /// <summary>Every format, the commonest first (on equal readings the first wins).</summary>
    public static IReadOnlyList<PlateFormat> All { get; } =
        [Standard, NewEnergySmall, NewEnergyLarge, TwoRow, Learner, Trailer, TwoRowTrailer, Police, HongKongMacau, Consulate, Embassy];

    /// <summary>
    /// Colours a plate of the first is often classed as, so that the formats of both are tried: light new-energy green
    /// washes out to white, a blue plate in warm or dim light looks black, a dim or tinted yellow one green.
    /// </summary>
    public static IReadOnlyList<(PlateColor Seen, PlateColor Also)> Confusable { get; } =
    [
        (PlateColor.White, PlateColor.Green),
        (PlateColor.Black, PlateColor.Blue),
        (PlateColor.Green, PlateColor.Yellow),
    ];

    /// <summary>
    /// The positions a layout is cut with as Chinese characters for formats that share it: always (every format has a
    /// Chinese character there) and either way (some do, as the last position of a learner plate beside a standard
    /// one's letter or digit), which the segmenter cuts to suit both.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="sharing"/> is empty.</exception>
    public static (IReadOnlyList<int> Always, IReadOnlyList<int> Either) ChineseCuts(IReadOnlyCollection<PlateFormat> sharing)
    {
        ArgumentNullException.ThrowIfNull(sharing);
        if (sharing.Count == 0) throw new ArgumentException("At least one format is needed.", nameof(sharing));
        var always = sharing.Select(f => f.ChinesePositions).Aggregate((a, b) => a.Intersect(b).ToArray());
        return (always, sharing.SelectMany(f => f.ChinesePositions).Distinct().Except(always).ToArray());
    }

    /// <summary>
    /// The formats among <paramref name="formats"/> a plate classed <paramref name="colour"/> may be, in their order:
    /// those coming in that colour or one it is confused with (<see cref="Confusable"/>), one-row or two-row as the
    /// deskewer found. A plate of no known colour may be any one-row format.
    /// </summary>
    public static IReadOnlyList<PlateFormat> For(IReadOnlyList<PlateFormat> formats, PlateColor colour, bool twoRow)
    {
        ArgumentNullException.ThrowIfNull(formats);
        var colours = new HashSet<PlateColor> { colour };
        foreach (var (seen, also) in Confusable)
            if (seen == colour) colours.Add(also);
        return formats
            .Where(f => f.IsTwoRow == twoRow && (colour == PlateColor.Unknown || colours.Any(f.ComesIn)))
            .ToArray();
    }
}
