using System.Globalization;

namespace Plates.Model.Labels;

/// <summary>The three label sets of a Chinese plate: the Chinese characters, the city letter, the letters and digits that follow.</summary>
public static class LabelSets
{
    /// <summary>Letters used on plates: I and O are left out because they read as 1 and 0.</summary>
    public static readonly IReadOnlyList<string> Letters =
        "ABCDEFGHJKLMNPQRSTUVWXYZ".Select(c => c.ToString()).ToArray();

    public static readonly IReadOnlyList<string> Digits =
        "0123456789".Select(c => c.ToString()).ToArray();

    /// <summary>The 31 provincial-level abbreviations of mainland China.</summary>
    public static readonly IReadOnlyList<string> Provinces =
        "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新".Select(c => c.ToString()).ToArray();

    /// <summary>
    /// The Chinese characters of special plates: 使 (embassy, first), and at the end 领 (consulate), 警 (police),
    /// 学 (learner), 挂 (trailer), 港 and 澳 (Guangdong–Hong Kong and –Macau).
    /// </summary>
    public static readonly IReadOnlyList<string> Specials = "使领警学挂港澳".Select(c => c.ToString()).ToArray();

    /// <summary>
    /// The province model's classes: the 31 provinces, and any other Chinese character a data scientist adds a folder
    /// for. The special plates' characters are not among them: they have a model of their own (<see cref="Special"/>),
    /// so that adding them cannot move the boundaries between provinces (README, "Character classes").
    /// </summary>
    public static readonly LabelSet Province = new("province", Provinces, "one Chinese character other than the special plates' " + string.Concat(Specials),
        l => IsChineseCharacter(l) && !Specials.Contains(l));

    /// <summary>
    /// The special model's class for "a Chinese character that is none of the specials" (its images are province
    /// characters). With it, the model read where a format wants 使 or 学 says how likely that character is rather
    /// than which special is least unlike a province.
    /// </summary>
    public const string OtherChineseClass = "其";

    /// <summary>The special plates' characters, read by special.zip where a plate kind puts one, beside <see cref="OtherChineseClass"/>.</summary>
    public static readonly LabelSet Special = new("special", Specials.Append(OtherChineseClass).ToArray(),
        "one of the special plates' characters " + string.Concat(Specials) + ", or " + OtherChineseClass + " for any other Chinese character",
        l => Specials.Contains(l) || l == OtherChineseClass);

    public static readonly LabelSet City = new("city", Letters, "one letter A–Z other than I and O", IsPlateLetter);

    /// <summary>
    /// The five-character model's class for "a Chinese character, not a letter or digit" (its images are Chinese
    /// characters of every kind): a model with it does not have to pass a Chinese character off as the likeliest letter
    /// or digit, so where a format allows either (the end of a standard plate or of a learner's 学) its probability says
    /// which is there.
    /// </summary>
    public const string ChineseCharacterClass = "汉";

    public static readonly LabelSet Alnum = new("alnum", Digits.Concat(Letters), "one digit or letter A–Z other than I and O, or " + ChineseCharacterClass + " for a Chinese character",
        l => IsPlateLetter(l) || l is [>= '0' and <= '9'] || l == ChineseCharacterClass);

    public static IReadOnlyList<LabelSet> All { get; } = [Province, City, Alnum, Special];

    /// <summary>Finds a label set by its name (province, city, alnum, special), ignoring case.</summary>
    public static LabelSet FromName(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model '{name}'. Expected one of: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));

    /// <summary>One character of the CJK Unified Ideographs (the Chinese characters plates use).</summary>
    public static bool IsChineseCharacter(string label) =>
        label is { Length: 1 } && CharUnicodeInfo.GetUnicodeCategory(label[0]) == UnicodeCategory.OtherLetter && label[0] is >= '\u4E00' and <= '\u9FFF';

    private static bool IsPlateLetter(string label) => label is [>= 'A' and <= 'Z'] && label is not ("I" or "O");
}
