namespace Plates.Train.Data;

/// <summary>
/// A per-class, seeded train/test split: every class keeps the same fraction in test, and the same images, seed and
/// fraction always give the same split whatever order the files were listed in. With several sources each source's
/// part of a class is split on its own (with the same seed for the class), so a source's test images are the same
/// whichever other sources it is trained beside: chars/'s test split stays the one a chars-only model is scored on,
/// and an evaluation of one source scores exactly its share of the training run's test split.
/// </summary>
public static class StratifiedSplit
{
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
            var members = group.OrderBy(i => Path.GetFileName(i.Path), StringComparer.Ordinal).ThenBy(i => i.Path, StringComparer.Ordinal).ToArray();
            new Random(seed ^ StableHash(group.Key.Label)).Shuffle(members);

            int testCount = (int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero);
            // Every class with two or more images (in a source) gets at least one in each side.
            testCount = Math.Clamp(testCount, members.Length >= 2 ? 1 : 0, Math.Max(members.Length - 1, 0));
            test.AddRange(members.Take(testCount));
            train.AddRange(members.Skip(testCount));
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
