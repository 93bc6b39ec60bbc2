namespace Plates.Model.Labels;

/// <summary>The classes one character model can answer, in the order the model's key column sorts them.</summary>
public sealed class LabelSet
{
    private readonly HashSet<string> _labels;

    public LabelSet(string name, IEnumerable<string> labels)
    {
        Name = name;
        // Ordinal order matches KeyOrdinality.ByValue, so score slot i is Labels[i] once every class is present.
        Labels = labels.OrderBy(l => l, StringComparer.Ordinal).ToArray();
        _labels = new HashSet<string>(Labels, StringComparer.Ordinal);
    }

    /// <summary>Short name used for the folder under the data root and the model file: province, city or alnum.</summary>
    public string Name { get; }

    public IReadOnlyList<string> Labels { get; }

    public bool Contains(string label) => _labels.Contains(label);
}
