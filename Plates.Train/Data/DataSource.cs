using System.Globalization;
using System.Text.Json.Serialization;
using Plates.Model.Labels;

namespace Plates.Train.Data;

/// <summary>What made the images of a training root, as the tool that made them says (its summary file at the root).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DataSourceKind>))]
public enum DataSourceKind
{
    /// <summary>Character crops as they were given (chars/, or any folder without a summary).</summary>
    Images,

    /// <summary>Characters cut from labelled plate crops or photos by <c>train harvest</c> (its <see cref="DataSource.HarvestSummary"/>).</summary>
    Harvested,

    /// <summary>Characters drawn from fonts by <c>train render</c> (its <see cref="DataSource.RenderSummary"/>): easier than real crops.</summary>
    Rendered,
}

/// <summary>
/// One model's folder in one training root (<c>&lt;root&gt;/&lt;model&gt;/&lt;label&gt;/</c>): its short name in reports, what
/// made it, and the weight its examples get in training.
/// </summary>
/// <param name="Name">The root's folder name (made unique with #2, #3… among the roots of one run).</param>
/// <param name="Folder">The model's folder inside the root: the class folders are its sub-folders.</param>
/// <param name="Weight">Multiplies each example's weight; 1 = as much as any other source.</param>
public sealed record DataSource(string Name, string Folder, DataSourceKind Kind = DataSourceKind.Images, double Weight = 1)
{
    /// <summary>The file <c>train harvest</c> writes at the root it fills (what was cut, what was rejected).</summary>
    public const string HarvestSummary = "harvest.md";

    /// <summary>The file <c>train render</c> writes at the root it fills (which characters, fonts, seed).</summary>
    public const string RenderSummary = "render.md";

    /// <summary>What the root holds, from the summary file the tool that filled it left there.</summary>
    public static DataSourceKind KindOf(string root) =>
        File.Exists(Path.Combine(root, RenderSummary)) ? DataSourceKind.Rendered
        : File.Exists(Path.Combine(root, HarvestSummary)) ? DataSourceKind.Harvested
        : DataSourceKind.Images;

    /// <summary>The kind in words, for reports.</summary>
    public string Description => Describe(Kind);

    /// <summary>A kind in words, for reports.</summary>
    public static string Describe(DataSourceKind kind) => kind switch
    {
        DataSourceKind.Harvested => "cut from labelled plate crops or photos (train harvest)",
        DataSourceKind.Rendered => "drawn from fonts (train render)",
        _ => "character crops",
    };
}

/// <summary>
/// A <c>--data</c> argument: a training root, optionally followed by <c>:WEIGHT</c> (<c>/tmp/harvest:0.5</c>) to weigh
/// its examples less (or more) than the others'.
/// </summary>
public sealed record DataRoot(string Path, double Weight = 1)
{
    /// <summary>Largest weight taken: a source ten times as heavy as the rest is a mistake, not a choice.</summary>
    public const double MaxWeight = 10;

    /// <summary>Reads <c>ROOT</c> or <c>ROOT:WEIGHT</c>; a folder whose own name ends in <c>:number</c> is taken as it is when it exists.</summary>
    /// <exception cref="ArgumentException">The weight is not in (0, <see cref="MaxWeight"/>].</exception>
    public static DataRoot Parse(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || Directory.Exists(text)) return new DataRoot(text);
        // Not a number after the colon: a path with a colon in it (a missing one is reported as not found).
        if (!double.TryParse(text[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double weight)) return new DataRoot(text);
        if (!(weight > 0 && weight <= MaxWeight))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--data {text}: the weight must lie in (0, {MaxWeight}]."));
        return new DataRoot(text[..colon], weight);
    }
}

/// <summary>
/// The sources one model is trained or evaluated on, in the order given. An image is named in reports by its path
/// relative to its source's folder, prefixed by the source's name when there are several (<c>harvest/浙/x.png</c>).
/// </summary>
public sealed class DataSources
{
    private readonly DataSource[] _sources;

    public DataSources(IEnumerable<DataSource> sources)
    {
        _sources = sources.ToArray();
        if (_sources.Length == 0) throw new ArgumentException("At least one data source is needed.", nameof(sources));
        var repeated = _sources.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (repeated.Length > 0) throw new ArgumentException($"Data source names must differ: {string.Join(", ", repeated)}.", nameof(sources));
    }

    /// <summary>One folder of class folders, named after its parent (chars/province → chars).</summary>
    public static DataSources Single(string folder) => new([ForFolder(folder, [])]);

    /// <summary>
    /// The sources of <paramref name="labels"/>' model in training roots: <c>&lt;root&gt;/&lt;model&gt;</c> of each root that
    /// has one. A root without it is left out and named in <paramref name="notes"/>; when no root has it, the first
    /// root's (missing) folder is kept, so that reading it fails naming the folder.
    /// </summary>
    public static DataSources InRoots(IReadOnlyList<DataRoot> roots, LabelSet labels, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var present = roots.Where(r => Directory.Exists(System.IO.Path.Combine(r.Path, labels.Name))).ToArray();
        if (present.Length == 0) present = [roots[0]];
        foreach (var absent in roots.Except(present))
            notes.Add($"{absent.Path} has no {labels.Name}/ folder; it is not used for the {labels.Name} model.");
        var names = new List<string>();
        return new(present.Select(r => new DataSource(UniqueName(RootName(r.Path), names), System.IO.Path.Combine(r.Path, labels.Name), DataSource.KindOf(r.Path), r.Weight)));
    }

    /// <summary>
    /// The sources an evaluation names: each either a training root (it holds <c>&lt;model&gt;/</c>) or a model's folder of
    /// class folders (chars/province). Class labels are single characters, so a folder named for a model is never a class.
    /// </summary>
    public static DataSources ForEvaluation(IReadOnlyList<string> given, LabelSet labels)
    {
        var names = new List<string>();
        return new(given.Select(g =>
        {
            var source = Directory.Exists(System.IO.Path.Combine(g, labels.Name))
                ? new DataSource(RootName(g), System.IO.Path.Combine(g, labels.Name), DataSource.KindOf(g))
                : ForFolder(g, []);
            return source with { Name = UniqueName(source.Name, names) };
        }));
    }

    public IReadOnlyList<DataSource> All => _sources;

    public int Count => _sources.Length;

    public DataSource this[int index] => _sources[index];

    /// <summary>The folders, joined for messages (one folder: just it).</summary>
    public string Folders => string.Join(", ", _sources.Select(s => s.Folder));

    /// <summary>The image's name in reports: relative to its source's folder, after the source's name when there are several.</summary>
    public string NameOf(LabelledImage image) => NameOf(image.Source, image.Path);

    /// <inheritdoc cref="NameOf(LabelledImage)"/>
    public string NameOf(int source, string path)
    {
        string relative = System.IO.Path.GetRelativePath(_sources[source].Folder, path);
        return _sources.Length == 1 ? relative : $"{_sources[source].Name}/{relative}";
    }

    private static DataSource ForFolder(string folder, List<string> names)
    {
        string? root = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(folder).TrimEnd(System.IO.Path.DirectorySeparatorChar));
        string name = root is null ? RootName(folder) : RootName(root);
        return new DataSource(UniqueName(name, names), folder, root is null ? DataSourceKind.Images : DataSource.KindOf(root));
    }

    private static string RootName(string root)
    {
        string name = System.IO.Path.GetFileName(System.IO.Path.GetFullPath(root).TrimEnd(System.IO.Path.DirectorySeparatorChar));
        return name.Length == 0 ? "data" : name;
    }

    private static string UniqueName(string name, List<string> taken)
    {
        string unique = name;
        for (int k = 2; taken.Contains(unique); k++) unique = $"{name}#{k}";
        taken.Add(unique);
        return unique;
    }
}
