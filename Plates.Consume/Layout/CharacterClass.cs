using Plates.Model.Labels;

namespace Plates.Consume.Layout;

/// <summary>Which of the character models reads a position: the provinces, the city letter, the rest, the special plates' characters.</summary>
public enum CharacterModelSlot
{
    /// <summary>province.zip: the provinces (and any other Chinese character trained into it).</summary>
    Chinese,

    /// <summary>city.zip: the letters A–Z but I and O.</summary>
    Letter,

    /// <summary>alnum.zip: digits and letters.</summary>
    Alnum,

    /// <summary>special.zip (optional): the special plates' characters 使 领 警 学 挂 港 澳, beside a class for any other Chinese character.</summary>
    Special,
}

/// <summary>
/// What may stand at one position of a plate: the model that reads it and, when the position takes only some of that
/// model's classes (the digits of a new-energy plate, 港 or 澳 at the end), those classes. A reading is the most probable
/// allowed class, with the probability the model gave it: a position forced away from what the model saw reads unsure.
/// </summary>
/// <param name="Name">What stands there, in words, for messages and the README.</param>
/// <param name="Allowed">The classes allowed there; null allows every class of the model.</param>
public sealed record CharacterClass(string Name, CharacterModelSlot Model, IReadOnlySet<string>? Allowed = null)
{
    /// <summary>Whether the position is a Chinese character, which the segmenter cuts and the reader reads its own way.</summary>
    public bool IsChinese => Model is CharacterModelSlot.Chinese or CharacterModelSlot.Special;

    /// <summary>Whether <paramref name="label"/> may stand here (a label of the model, when every class is allowed).</summary>
    public bool Allows(string label) => Allowed?.Contains(label) ?? true;

    /// <summary>A province abbreviation (京 … 新).</summary>
    public static CharacterClass Province { get; } = new("province", CharacterModelSlot.Chinese, Set(LabelSets.Provinces));

    /// <summary>The city letter after the province.</summary>
    public static CharacterClass CityLetter { get; } = new("city letter", CharacterModelSlot.Letter);

    /// <summary>A letter or a digit.</summary>
    public static CharacterClass LetterOrDigit { get; } = new("letter or digit", CharacterModelSlot.Alnum);

    /// <summary>A digit.</summary>
    public static CharacterClass Digit { get; } = new("digit", CharacterModelSlot.Alnum, Set(LabelSets.Digits));

    /// <summary>D (battery electric) or F (other new-energy) on a new-energy plate.</summary>
    public static CharacterClass EnergyType { get; } = new("D or F", CharacterModelSlot.Alnum, Set(["D", "F"]));

    /// <summary>One given province (the 粤 of 粤Z).</summary>
    public static CharacterClass Chinese(params string[] characters) => new(string.Join(" or ", characters), CharacterModelSlot.Chinese, Set(characters));

    /// <summary>One given special plate character (使 first, 警 学 挂 领 last) or one of a few (港 or 澳), read by the special model.</summary>
    public static CharacterClass Special(params string[] characters) => new(string.Join(" or ", characters), CharacterModelSlot.Special, Set(characters));

    /// <summary>One given letter or digit (the Z of 粤Z).</summary>
    public static CharacterClass Exactly(CharacterModelSlot model, string label) => new(label, model, Set([label]));

    private static IReadOnlySet<string> Set(IEnumerable<string> labels) => new HashSet<string>(labels, StringComparer.Ordinal);
}
