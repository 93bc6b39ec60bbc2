namespace Plates.Consume.Layout;

/// <summary>Whether a plate's characters are brighter than its background (white on blue or black) or darker (black on yellow, green, white).</summary>
public enum CharacterShade
{
    Bright,
    Dark,
}

/// <summary>One way a format is painted: its background colour and the shade of its characters on it.</summary>
public readonly record struct PlateColouring(PlateColor Background, CharacterShade Characters);

/// <summary>
/// One kind of plate as data: its geometry (<see cref="PlateLayout"/>: rows, characters, widths and gaps in mm), the
/// background colours it comes in and the shade of its characters, and what may stand at each position. The
/// recogniser tries the formats a plate's colour allows, cuts it once per geometry they share, reads each, and keeps
/// the format whose reading explains the plate best; adding a kind of plate is adding an instance.
/// </summary>
/// <param name="Kind">The kind this format is of (two formats may share a kind: a trailer plate in one row or two).</param>
/// <param name="Layout">
/// The row the segmenter cuts. For a two-row plate, the single row the deskewer lays its two rows out as (the upper
/// row's two characters where a one-row plate has them, the lower row's five after), so the standard row.
/// </param>
/// <param name="Rows">Characters in each row, top row first: [7] for a one-row plate, [2, 5] for a two-row one.</param>
/// <param name="Colourings">The background colours plates of this format come in, each with its characters' shade.</param>
/// <param name="Characters">What may stand at each position, left to right, rows in order.</param>
public sealed record PlateFormat(
    string Name,
    PlateKind Kind,
    PlateLayout Layout,
    IReadOnlyList<int> Rows,
    IReadOnlyList<PlateColouring> Colourings,
    IReadOnlyList<CharacterClass> Characters)
{
    /// <summary>Characters on the plate.</summary>
    /// <summary>
    /// At most this many letters among the format's letter-or-digit positions, or null for no limit. GA 36 serials of
    /// five hold at most two letters (none of the 1,134 standard plates of the scenes, crops, crops-zj and kinds has
    /// more); a reading with more has a digit read as a letter (8 as B, 1 as T), and the reader reads the letters the
    /// model is least sure of over a digit as that digit (<see cref="Recognition.PlateReader"/>).
    /// </summary>
    public int? MaxSerialLetters { get; init; }

    public int Count => Characters.Count;

    /// <summary>Whether plates of this format come with a background of <paramref name="colour"/>.</summary>
    public bool ComesIn(PlateColor colour) => Colourings.Any(c => c.Background == colour);

    /// <summary>Whether the plate has two rows (which the deskewer detects and lays out as one).</summary>
    public bool IsTwoRow => Rows.Count == 2;

    /// <summary>The positions that hold a Chinese character.</summary>
    public IReadOnlyList<int> ChinesePositions => Enumerable.Range(0, Count).Where(i => Characters[i].IsChinese).ToArray();

    /// <summary>Whether <paramref name="text"/> fits the format: as many characters, each one allowed at its position.</summary>
    public bool Allows(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var characters = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        int i = 0;
        while (characters.MoveNext())
        {
            if (i >= Count || !Characters[i].Allows((string)characters.Current)) return false;
            i++;
        }
        return i == Count;
    }
}
