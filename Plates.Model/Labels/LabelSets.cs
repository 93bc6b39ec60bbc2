namespace Plates.Model.Labels;

/// <summary>The three label sets of a mainland Chinese plate: province character, city letter, the five that follow.</summary>
public static class LabelSets
{
    /// <summary>Letters used on plates: I and O are left out because they read as 1 and 0.</summary>
    public static readonly IReadOnlyList<string> Letters =
        "ABCDEFGHJKLMNPQRSTUVWXYZ".Select(c => c.ToString()).ToArray();

    public static readonly IReadOnlyList<string> Digits =
        "0123456789".Select(c => c.ToString()).ToArray();

    /// <summary>The 31 provincial-level abbreviations of mainland China.</summary>
    public static readonly LabelSet Province = new("province",
        "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新".Select(c => c.ToString()));

    public static readonly LabelSet City = new("city", Letters);

    public static readonly LabelSet Alnum = new("alnum", Digits.Concat(Letters));

    public static IReadOnlyList<LabelSet> All { get; } = [Province, City, Alnum];

    /// <summary>Finds a label set by its name (province, city, alnum), ignoring case.</summary>
    public static LabelSet FromName(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model '{name}'. Expected one of: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));
}
