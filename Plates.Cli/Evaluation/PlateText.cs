namespace Plates.Cli.Evaluation;

/// <summary>Plate text helpers for evaluation: the truth from a file name, and character errors between two plates.</summary>
public static class PlateText
{
    /// <summary>The plate a file is named for: the file name without extension, up to a '_', ' ' or '(' that marks a copy.</summary>
    public static string TruthFromFileName(string path)
    {
        string stem = Path.GetFileNameWithoutExtension(path);
        int cut = stem.IndexOfAny(['_', ' ', '(']);
        return cut > 0 ? stem[..cut] : stem;
    }

    /// <summary>Character errors: substitutions, insertions and deletions (Levenshtein), so a missing character counts once.</summary>
    public static int Errors(string truth, string read)
    {
        var previous = new int[read.Length + 1];
        var current = new int[read.Length + 1];
        for (int j = 0; j <= read.Length; j++) previous[j] = j;
        for (int i = 1; i <= truth.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= read.Length; j++)
            {
                int substitution = previous[j - 1] + (truth[i - 1] == read[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[read.Length];
    }
}
