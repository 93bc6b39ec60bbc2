using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Plates.Model.IO;

namespace Plates.Cli.Evaluation;

/// <summary>
/// Writes report.json and report.md for an evaluation as a set: both are complete on disk before either replaces the
/// old one (<see cref="AtomicFile.WriteAll"/>), so a full disk leaves the old pair, not a new report.json beside an
/// old report.md.
/// </summary>
public static class EvaluationReportWriter
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <exception cref="IOException">A file could not be written (the old ones are left as they were).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written.</exception>
    public static void Write(EvaluationSummary summary, string folder)
    {
        byte[] json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(summary, JsonOptions));
        byte[] markdown = Encoding.UTF8.GetBytes(Markdown(summary));
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAll(
        [
            (Path.Combine(folder, "report.json"), stream => stream.Write(json)),
            (Path.Combine(folder, "report.md"), stream => stream.Write(markdown)),
        ]);
    }

    public static string Markdown(EvaluationSummary s)
    {
        static string P(double v) => (v * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
        static string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.AppendLine($"# Plate recognition on {s.Kind}: {s.Folder}");
        md.AppendLine();
        md.AppendLine("| measure | value |");
        md.AppendLine("|---|---|");
        md.AppendLine($"| images | {s.Photos} |");
        md.AppendLine($"| images that failed to load | {s.Failed} |");
        md.AppendLine($"| plates found (detection rate) | {s.Found} ({P(s.DetectionRate)}) |");
        md.AppendLine($"| exact plates (0 errors) | {s.Exact} ({P(s.ExactRate)}) |");
        md.AppendLine($"| plates with at most 1 wrong character | {s.AtMostOneError} ({P(s.AtMostOneErrorRate)}) |");
        md.AppendLine($"| first (Chinese) character right | {s.FirstCharacterRight} ({P(s.FirstCharacterRate)}) |");
        md.AppendLine($"| extra plates returned per image | {s.ExtraPlatesPerPhoto.ToString("F2", CultureInfo.InvariantCulture)} |");
        md.AppendLine(s.FalseDetections is int falseDetections
            ? $"| false detections (returned plates on no tagged plate) | {falseDetections} in {s.PhotosCheckedForFalseDetections} images checked |"
            : "| false detections (returned plates on no tagged plate) | not counted: no ground truth |");
        md.AppendLine($"| median time per image | {F(s.MedianMs)} ms |");
        md.AppendLine($"| 95th percentile time per image | {F(s.P95Ms)} ms |");
        md.AppendLine();
        md.AppendLine($"Ground truth: {s.GroundTruthFile ?? "none"}. How an image's plate is chosen: {s.Matching}.");
        md.AppendLine();
        if (s.Subset is not null)
        {
            md.AppendLine($"Images scored: {s.Subset}.");
            md.AppendLine();
        }
        md.AppendLine("Rates are over all images; errors are character edits (Levenshtein). Misses: *notFound* (no plate returned),");
        md.AppendLine("*wrongPlace* (plates returned, none on the tagged plate), *cutWrong* (3+ characters wrong), *readWrong* (1–2 wrong),");
        md.AppendLine("*error* (file unreadable). Times include decoding the file.");
        md.AppendLine();
        if (s.PhotosWithoutGroundTruth.Count > 0)
        {
            md.AppendLine($"## Images not tagged in the ground truth ({s.PhotosWithoutGroundTruth.Count}), scored by the closest text");
            md.AppendLine();
            foreach (string file in s.PhotosWithoutGroundTruth) md.AppendLine($"- {file}");
            md.AppendLine();
        }
        md.AppendLine("## Kinds of plate read");
        md.AppendLine();
        md.AppendLine("| kind | read | exact |");
        md.AppendLine("|---|---|---|");
        foreach (var (plateKind, count) in s.Kinds) md.AppendLine($"| {plateKind} | {count.Read} | {count.Exact} |");
        md.AppendLine();
        md.AppendLine("## Misses by stage");
        md.AppendLine();
        md.AppendLine("| stage | images |");
        md.AppendLine("|---|---|");
        foreach (var (stage, count) in s.MissesByStage.OrderByDescending(kv => kv.Value)) md.AppendLine($"| {stage} | {count} |");
        md.AppendLine();
        md.AppendLine("## Every miss");
        md.AppendLine();
        md.AppendLine("| file | truth | read | errors | confidence | stage |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var o in s.Outcomes.Where(o => o.Miss is not null))
            md.AppendLine($"| {o.File} | {o.Truth} | {o.Read ?? "—"}{(o.ReadKind is { } k && k != Plates.Consume.Layout.PlateKind.Standard ? $" ({k})" : "")} | {o.Errors} | {(o.Confidence is double c ? c.ToString("F2", CultureInfo.InvariantCulture) : "—")} | {o.Miss}{(o.Error is null ? "" : ": " + o.Error)} |");
        var withFalse = s.Outcomes.Where(o => o.FalseDetections > 0).ToArray();
        if (withFalse.Length > 0)
        {
            md.AppendLine();
            md.AppendLine("## False detections");
            md.AppendLine();
            md.AppendLine("| file | plates returned | on no tagged plate | they read |");
            md.AppendLine("|---|---|---|---|");
            foreach (var o in withFalse) md.AppendLine($"| {o.File} | {o.PlatesReturned} | {o.FalseDetections} | {string.Join(", ", o.FalseDetectionReads)} |");
        }
        return md.ToString();
    }
}
