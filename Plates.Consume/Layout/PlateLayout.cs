namespace Plates.Consume.Layout;

/// <summary>One character's place on a plate: its left edge and width, in millimetres from the first character's left edge.</summary>
public readonly record struct LayoutSlot(double Offset, double Width)
{
    public double Centre => Offset + Width / 2;

    public double Right => Offset + Width;
}

/// <summary>
/// The geometry of one kind of plate as data, as openalpr's <c>char_height_mm</c> is: where each character sits along
/// the row, how tall the characters are, in millimetres. A fitted scale (pixels per millimetre) and origin then place
/// every character. Handed to whoever fits it (the deskewer finds the row's ends from blob centres, the segmenter
/// places the boxes on the column projection, <see cref="LayoutFit"/>), so another kind of plate is another instance.
/// </summary>
/// <param name="Name">What the layout is, for messages.</param>
/// <param name="CharacterHeight">Height of the characters.</param>
/// <param name="Slots">The characters' places, left to right.</param>
/// <param name="Gap">The ordinary gap between neighbouring characters: the margin the fits allow beyond the row's ends.</param>
/// <param name="RunStart">First slot of the evenly pitched run that ends the row: the pitch and the plate's aspect are measured on it.</param>
public sealed record PlateLayout(string Name, double CharacterHeight, IReadOnlyList<LayoutSlot> Slots, double Gap, int RunStart)
{
    /// <summary>
    /// The standard mainland plate (GA 36): seven characters 45 mm wide and 90 mm tall, 12 mm apart, except 34 mm
    /// (holding the separator dot) between the second and third.
    /// </summary>
    public static PlateLayout StandardSingleRow { get; } = Evenly("GA 36 single row", count: 7, characterWidth: 45, characterHeight: 90, gap: 12, separatorGap: 34, separatorAfter: 1);

    /// <summary>
    /// The new-energy plate (GA 36-2018, 480×140 mm): eight characters 43 mm wide and 90 mm tall, 9 mm apart, except 49 mm
    /// (holding the new-energy mark) between the second and third. (Measured on the kinds photo of 黑AD03210: from
    /// the first character's left edge to the last one's right edge 446 mm at the pitch's scale, against 447 here.)
    /// </summary>
    public static PlateLayout NewEnergy { get; } = Evenly("GA 36 new energy", count: 8, characterWidth: 43, characterHeight: 90, gap: 9, separatorGap: 49, separatorAfter: 1);

    /// <summary>
    /// The police plate: the standard plate's seven characters, with the separator dot after the province (鄂·F8888警
    /// on the kinds photo) instead of after the city letter.
    /// </summary>
    public static PlateLayout Police { get; } = Evenly("GA 36 police", count: 7, characterWidth: 45, characterHeight: 90, gap: 12, separatorGap: 34, separatorAfter: 0);

    /// <summary>
    /// The embassy plate: the standard plate's seven characters, with the separator dot after the fourth (使 and the
    /// embassy's three digits, then three more) instead of after the second.
    /// </summary>
    public static PlateLayout Embassy { get; } = Evenly("GA 36 embassy", count: 7, characterWidth: 45, characterHeight: 90, gap: 12, separatorGap: 34, separatorAfter: 3);

    public int Count => Slots.Count;

    /// <summary>Left edge of each character.</summary>
    public IReadOnlyList<double> Offsets => Slots.Select(s => s.Offset).ToArray();

    /// <summary>Centre of each character.</summary>
    public IReadOnlyList<double> Centres => Slots.Select(s => s.Centre).ToArray();

    /// <summary>From the first character's left edge to the last one's right edge: 409 mm on the standard plate.</summary>
    public double Span => Slots[^1].Right;

    /// <summary>Distance between neighbouring characters of the run from <see cref="RunStart"/>: 57 mm on the standard plate.</summary>
    public double Pitch => Slots[RunStart + 1].Offset - Slots[RunStart].Offset;

    /// <summary>
    /// A row of <paramref name="count"/> characters of one width and <paramref name="gap"/> apart, but for
    /// <paramref name="separatorGap"/> after slot <paramref name="separatorAfter"/>.
    /// </summary>
    public static PlateLayout Evenly(string name, int count, double characterWidth, double characterHeight, double gap, double separatorGap, int separatorAfter)
    {
        var slots = new LayoutSlot[count];
        double offset = 0;
        for (int i = 0; i < count; i++)
        {
            slots[i] = new LayoutSlot(offset, characterWidth);
            offset += characterWidth + (i == separatorAfter ? separatorGap : gap);
        }

        return new PlateLayout(name, characterHeight, slots, gap, separatorAfter + 1);
    }
}
