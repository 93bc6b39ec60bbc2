using System.Globalization;
using Plates.Cli.Inputs;

namespace Plates.Cli.Commands;

/// <summary>What one run of the recognise command did, for its closing line and its exit code.</summary>
internal sealed class RunSummary
{
    public const int ExitSuccess = 0, ExitSomeFailed = 1, ExitUsage = 2, ExitOutputFailed = 3;

    /// <summary>Images to read: files named and listed, and standard input.</summary>
    public int Photos { get; init; }
    public int Read { get; set; }
    public int Failed { get; set; }

    /// <summary>Plates printed, and those left out by <see cref="MinConfidence"/>.</summary>
    public int Plates { get; set; }
    public int Hidden { get; set; }
    public double MinConfidence { get; init; }

    public int AnnotationsFailed { get; set; }

    /// <summary>Files in the folders that were not images (by extension) or were annotated copies.</summary>
    public int Skipped { get; init; }
    public IReadOnlyList<FolderProblem> FolderProblems { get; init; } = [];

    /// <summary>Standard output failed, so the batch stopped.</summary>
    public bool OutputFailed { get; set; }

    public int ExitCode =>
        OutputFailed ? ExitOutputFailed
        : Failed > 0 || AnnotationsFailed > 0 || FolderProblems.Count > 0 ? ExitSomeFailed
        : ExitSuccess;

    /// <summary>"summary: 3 photos, 2 read, 1 failed; 4 plates; …", each count named, the optional ones only when not 0.</summary>
    public string Line()
    {
        int notReached = Photos - Read - Failed;
        var parts = new List<string>
        {
            Photos == 0 ? "0 photos" : $"{Count(Photos, "photo")}, {Read} read, {Failed} failed" + (notReached > 0 ? $", {notReached} not reached" : ""),
            Hidden > 0
                ? $"{Count(Plates, "plate")} shown, {Hidden} under --min-confidence {MinConfidence.ToString(CultureInfo.InvariantCulture)} not shown"
                : Count(Plates, "plate"),
        };
        if (AnnotationsFailed > 0) parts.Add($"{AnnotationsFailed} annotated {(AnnotationsFailed == 1 ? "copy" : "copies")} not written");
        int unlistable = FolderProblems.Count(p => p.Unlistable);
        if (unlistable > 0) parts.Add($"{Count(unlistable, "folder")} could not be listed");
        int empty = FolderProblems.Count - unlistable;
        if (empty > 0) parts.Add($"{Count(empty, "folder")} with no image files");
        if (Skipped > 0) parts.Add($"{Count(Skipped, "other file")} in the folders skipped");
        if (OutputFailed) parts.Add("stopped: standard output could not be written");
        return "summary: " + string.Join("; ", parts);
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
