using System.Security.Cryptography;

namespace Plates.Train.Reports;

/// <summary>
/// Writes an <see cref="EvaluationReport"/> as a folder of files: metrics.json, metrics.md, confusion.csv,
/// confusion.png and f1.png. Every file is first written to a temporary file in the same folder; only when all of
/// them are complete are they renamed into place, so an interrupted or failing run never leaves a half-written file
/// (and leaves the previous report untouched when anything fails before the renames).
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

    private const string TempExtension = ".tmp";

    /// <summary>Writes the report's files into <paramref name="directory"/>, creating it if missing and replacing older files.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> or <paramref name="directory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty, or the confusion matrix is not labels × labels.</exception>
    /// <exception cref="IOException">A file could not be written or moved into place.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public static void Write(EvaluationReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ValidateShape(report);

        Directory.CreateDirectory(directory);

        // Label glyphs decide the chart axes and whether metrics.md needs an index legend, so pick the font once.
        var chartFont = ChartFont.For(report);

        var staged = new List<(string Temp, string Final)>();
        try
        {
            Stage(staged, directory, JsonFileName, stream => WriteJson(report, stream));
            Stage(staged, directory, MarkdownFileName, stream => WriteMarkdown(report, chartFont, stream));
            Stage(staged, directory, ConfusionCsvFileName, stream => WriteConfusionCsv(report, stream));
            Stage(staged, directory, ConfusionPngFileName, stream => stream.Write(RenderConfusionPng(report, chartFont)));
            Stage(staged, directory, F1PngFileName, stream => stream.Write(RenderF1Png(report, chartFont)));

            foreach (var (temp, final) in staged)
            {
                File.Move(temp, final, overwrite: true);
            }
        }
        finally
        {
            // Whatever was not moved into place (because something failed) must not linger.
            foreach (var (temp, _) in staged)
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }

    private static void Stage(List<(string Temp, string Final)> staged, string directory, string fileName, Action<Stream> write)
    {
        string final = Path.Combine(directory, fileName);
        string temp = Path.Combine(directory, $"{fileName}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}{TempExtension}");
        staged.Add((temp, final));

        using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        write(stream);
        stream.Flush(flushToDisk: true);
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
