namespace Plates.Model.Labels;

/// <summary>
/// The classes one character model answers: the ones known to occur on plates (listed, so that a report can name a
/// known class no image was given for), and the kind of character any class must be. A data scientist adds a class
/// by adding a folder: a folder label of the right kind is a class of the model whether it is listed or not (a
/// province model takes 使 or 学 as readily as 京), one of another kind (a digit among provinces) is refused.
/// </summary>
public sealed class LabelSet
{
    private readonly HashSet<string> _labels;
    private readonly Func<string, bool> _accepts;

    /// <param name="name">Short name: the folder under the data root and the model file (province, city, alnum).</param>
    /// <param name="labels">The classes known to occur on plates.</param>
    /// <param name="kind">What any class of this set is, in words ("one Chinese character"), for messages.</param>
    /// <param name="accepts">Whether a label is of that kind; every listed label must be.</param>
    public LabelSet(string name, IEnumerable<string> labels, string kind, Func<string, bool> accepts)
    {
        ArgumentNullException.ThrowIfNull(accepts);
        Name = name;
        Kind = kind;
        _accepts = accepts;
        // Ordinal order matches KeyOrdinality.ByValue, so score slot i is Labels[i] once every class is present.
        Labels = labels.OrderBy(l => l, StringComparer.Ordinal).ToArray();
        var wrong = Labels.Where(l => !accepts(l)).ToArray();
        if (wrong.Length > 0) throw new ArgumentException($"Labels {string.Join(" ", wrong)} are not {kind}.", nameof(labels));
        _labels = new HashSet<string>(Labels, StringComparer.Ordinal);
    }

    /// <summary>A set of exactly these classes and no others (what a saved model answers, say).</summary>
    public static LabelSet Exactly(string name, IReadOnlyCollection<string> labels)
    {
        var known = new HashSet<string>(labels, StringComparer.Ordinal);
        return new LabelSet(name, known, "one of the classes " + string.Join(" ", known.Order(StringComparer.Ordinal)), known.Contains);
    }

    /// <summary>Short name used for the folder under the data root and the model file: province, city or alnum.</summary>
    public string Name { get; }

    /// <summary>What every class of this set is, in words: "one Chinese character", "one letter A–Z but I and O", ….</summary>
    public string Kind { get; }

    /// <summary>The classes known to occur on plates, in ordinal order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Whether <paramref name="label"/> is one of the known classes.</summary>
    public bool IsKnown(string label) => _labels.Contains(label);

    /// <summary>Whether <paramref name="label"/> can be a class of this set: known, or new but of the set's kind.</summary>
    public bool Contains(string label) => label is not null && (_labels.Contains(label) || _accepts(label));
}
