using Plates.Model.IO;

namespace Plates.Train.Reports;

/// <summary>
/// Writes an <see cref="EvaluationReport"/> as a folder of files: metrics.json, metrics.md, confusion.csv,
/// confusion.png and f1.png, through <see cref="AtomicFile.WriteAll"/>: every file is complete on disk under a
/// temporary name before any is renamed into place, so a failure while writing or rendering any of them leaves the
/// previous report as it was. What remains is the moment of the five renames: a crash or failing rename among them
/// can leave some files new and the others old. (Swapping in a whole new folder would not close it: .NET has no atomic
/// exchange of two folders, and a folder named by <c>--report</c> may hold files that are not the report's.)
/// </summary>
public static partial class ReportWriter
{
    public const string JsonFileName = "metrics.json";
    public const string MarkdownFileName = "metrics.md";
    public const string ConfusionCsvFileName = "confusion.csv";
    public const string ConfusionPngFileName = "confusion.png";
    public const string F1PngFileName = "f1.png";

    /// <summary>How many confused pairs metrics.json and metrics.md list.</summary>
    public const int MostConfusedCount = 10;

    /// <summary>How many misclassified images metrics.md lists; metrics.json lists every one.</summary>
    public const int MisclassifiedListed = 100;

    /// <summary>Writes the report's files into <paramref name="directory"/>, creating it if missing and replacing older files.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> or <paramref name="directory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty, or the confusion matrix is not labels × labels.</exception>
    /// <exception cref="IOException">A file could not be written or moved into place.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public static void Write(EvaluationReport report, string directory) => Write(report, directory, afterWriting: null);

    /// <param name="afterWriting">
    /// Called with each file's name once its content is written, before it is on disk: lets a test fail a report part-way.
    /// </param>
    internal static void Write(EvaluationReport report, string directory, Action<string>? afterWriting)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ValidateShape(report);

        // No Directory.CreateDirectory here: AtomicFile creates the folder with the first file and removes it again
        // when the write fails, so a failed report never leaves an empty folder behind.
        // Label glyphs decide the chart axes and whether metrics.md needs an index legend, so pick the font once.
        var chartFont = ChartFont.For(report);

        (string Name, Action<Stream> Write)[] files =
        [
            (JsonFileName, stream => WriteJson(report, stream)),
            (MarkdownFileName, stream => WriteMarkdown(report, chartFont, stream)),
            (ConfusionCsvFileName, stream => WriteConfusionCsv(report, stream)),
            (ConfusionPngFileName, stream => stream.Write(RenderConfusionPng(report, chartFont))),
            (F1PngFileName, stream => stream.Write(RenderF1Png(report, chartFont))),
        ];
        Action<Stream> Watched(string name, Action<Stream> write) => stream =>
        {
            write(stream);
            afterWriting?.Invoke(name);
        };
        AtomicFile.WriteAll([.. files.Select(file => (Path.Combine(directory, file.Name), Watched(file.Name, file.Write)))]);
    }

    private static void ValidateShape(EvaluationReport report)
    {
        int classes = report.Labels.Count;
        if (report.Confusion.Length != classes || report.Confusion.Any(row => row is null || row.Length != classes))
        {
            throw new ArgumentException($"The confusion matrix must be {classes} × {classes}, like the labels.", nameof(report));
        }
    }
}
