using Plates.Model.IO;
using Plates.Model.Labels;

namespace Plates.Train.Training;

/// <summary>Checks on a <c>train --out</c> folder made before any model is trained, so a run never fails at its end.</summary>
public static class TrainingOutput
{
    /// <summary>The models and reports of <paramref name="models"/> that <paramref name="outFolder"/> already holds, relative to it.</summary>
    public static IReadOnlyList<string> Existing(string outFolder, IEnumerable<LabelSet> models)
    {
        var existing = new List<string>();
        foreach (var labels in models)
        {
            string model = TrainingRun.ModelPath(outFolder, labels), report = TrainingRun.ReportFolder(outFolder, labels);
            if (File.Exists(model)) existing.Add(Path.GetRelativePath(outFolder, model));
            if (Directory.Exists(report)) existing.Add(Path.GetRelativePath(outFolder, report) + Path.DirectorySeparatorChar);
        }
        return existing;
    }

    /// <summary>
    /// Why the models and reports cannot be written under <paramref name="outFolder"/>, or null when they can: the folder
    /// (or, when it does not exist yet, the folder it would be created in) and any report folders already there must take
    /// a new file. The check writes one empty file named like an <see cref="AtomicFile"/> temporary and deletes it.
    /// </summary>
    public static string? WriteProblem(string outFolder, IEnumerable<LabelSet> models)
    {
        string full = Path.GetFullPath(outFolder);
        if (File.Exists(full)) return $"--out {full} is a file, not a folder.";
        var folders = new List<string>();
        var creatable = new DirectoryInfo(full);
        while (!creatable.Exists && creatable.Parent is { } parent)
        {
            if (File.Exists(parent.FullName)) return $"--out {full} cannot be created: {parent.FullName} is a file.";
            creatable = parent;
        }
        folders.Add(creatable.FullName);
        string reports = Path.Combine(full, "reports");
        if (Directory.Exists(reports)) folders.Add(reports);
        folders.AddRange(models.Select(m => TrainingRun.ReportFolder(full, m)).Where(Directory.Exists));

        foreach (string folder in folders)
        {
            try
            {
                using var probe = new FileStream(Path.Combine(folder, AtomicFile.TemporaryName("write-check")), FileMode.CreateNew,
                    FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                string what = folder == full ? $"--out {full}"
                    : folder == creatable.FullName ? $"{folder}, where --out {full} would be created"
                    : folder;
                // The probe's own name would only confuse: say what stops the write.
                return $"cannot write to {what}: {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}.";
            }
        }
        return null;
    }
}
