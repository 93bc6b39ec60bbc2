namespace Plates.Train.Data;

/// <summary>
/// A per-class, seeded train/test split: every class keeps the same fraction in test, and the same images, seed and
/// fraction always give the same split whatever order the files were listed in. With several sources each source's
/// part of a class is split on its own (with the same seed for the class), so a source's test images are the same
/// whichever other sources it is trained beside: chars/'s test split stays the one a chars-only model is scored on,
/// and an evaluation of one source scores exactly its share of the training run's test split. An image named as another
/// view of one (<c>NAME-viewN.png</c> beside <c>NAME.png</c>: a harvest's other cuts of a crop's first character) goes
/// to the side of that image and is not counted in the fraction, so no crop is tested on while another view of it is
/// trained on, and the rest of the split is the one the folder gives without its views.
/// </summary>
public static class StratifiedSplit
{
    /// <summary>The marker of a view's file name: <c>NAME-view1.png</c> is a view of <c>NAME.png</c>.</summary>
    public const string ViewMarker = "-view";

    /// <summary>The file name of the image <paramref name="path"/> is a view of, or null when it is no view.</summary>
    public static string? ViewOf(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        int at = name.LastIndexOf(ViewMarker, StringComparison.Ordinal);
        if (at <= 0 || at + ViewMarker.Length == name.Length || !name[(at + ViewMarker.Length)..].All(char.IsAsciiDigit)) return null;
        return name[..at] + Path.GetExtension(path);
    }

    public static (IReadOnlyList<LabelledImage> Train, IReadOnlyList<LabelledImage> Test) Split(
        IReadOnlyList<LabelledImage> images, double testFraction, int seed)
    {
        if (testFraction <= 0 || testFraction >= 1)
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must lie strictly between 0 and 1.");

        var train = new List<LabelledImage>();
        var test = new List<LabelledImage>();
        foreach (var group in images.GroupBy(i => (i.Source, i.Label)).OrderBy(g => g.Key.Source).ThenBy(g => g.Key.Label, StringComparer.Ordinal))
        {
            // Sort first so the split depends on the files, not on the order the file system listed them in.
            var names = group.Select(i => Path.GetFileName(i.Path)).ToHashSet(StringComparer.Ordinal);
            var views = group.Where(i => ViewOf(i.Path) is { } of && names.Contains(of)).ToLookup(i => ViewOf(i.Path)!, StringComparer.Ordinal);
            var members = group.Where(i => !(ViewOf(i.Path) is { } of && names.Contains(of)))
                .OrderBy(i => Path.GetFileName(i.Path), StringComparer.Ordinal).ThenBy(i => i.Path, StringComparer.Ordinal).ToArray();
            new Random(seed ^ StableHash(group.Key.Label)).Shuffle(members);

            int testCount = (int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero);
            // Every class with two or more images (in a source) gets at least one in each side.
            testCount = Math.Clamp(testCount, members.Length >= 2 ? 1 : 0, Math.Max(members.Length - 1, 0));
            foreach (var (member, index) in members.Select((m, i) => (m, i)))
            {
                var side = index < testCount ? test : train;
                side.Add(member);
                side.AddRange(views[Path.GetFileName(member.Path)].OrderBy(v => v.Path, StringComparer.Ordinal));
            }
        }
        return (train, test);
    }

    /// <summary>string.GetHashCode is randomised per process; this one is not.</summary>
    private static int StableHash(string text)
    {
        unchecked
        {
            int hash = (int)2166136261;
            foreach (char c in text) hash = (hash ^ c) * 16777619;
            return hash;
        }
    }
}
