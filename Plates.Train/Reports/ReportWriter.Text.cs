using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plates.Train.Reports;

/// <summary>The text files of a report: metrics.json, metrics.md and confusion.csv.</summary>
public static partial class ReportWriter
{
    private static readonly UTF8Encoding s_utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly JsonSerializerOptions s_jsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Labels such as 京 stay readable instead of becoming \u4EAC.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Log-loss reduction can be -Infinity or NaN on degenerate splits; write those rather than throw.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static void WriteJson(EvaluationReport report, Stream stream)
    {
        var document = new JsonReport(
            report.Model,
            report.Split,
            report.Samples,
            report.MicroAccuracy,
            report.MacroAccuracy,
            report.LogLoss,
            report.LogLossReduction,
            report.Classes,
            new JsonConfusion(report.Labels, report.Confusion),
            report.MostConfused(MostConfusedCount),
            report.Skipped,
            report.Misclassified,
            report.Duplicates,
            report.Details);
        JsonSerializer.Serialize(stream, document, s_jsonOptions);
    }

    private static void WriteConfusionCsv(EvaluationReport report, Stream stream)
    {
        using var writer = new StreamWriter(stream, s_utf8NoBom, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(string.Join(',', report.Labels.Select(CsvField).Prepend(@"truth\predicted")));
        for (int truth = 0; truth < report.Labels.Count; truth++)
        {
            var cells = report.Confusion[truth].Select(count => count.ToString(CultureInfo.InvariantCulture));
            writer.WriteLine(string.Join(',', cells.Prepend(CsvField(report.Labels[truth]))));
        }
    }

    private static void WriteMarkdown(EvaluationReport report, ChartFont chartFont, Stream stream)
    {
        using var writer = new StreamWriter(stream, s_utf8NoBom, leaveOpen: true) { NewLine = "\n" };

        writer.WriteLine($"# Evaluation: {MarkdownText(report.Model)} ({MarkdownText(report.Split)})");
        writer.WriteLine();
        writer.WriteLine("| Metric | Value |");
        writer.WriteLine("|---|---:|");
        writer.WriteLine($"| Samples | {report.Samples.ToString(CultureInfo.InvariantCulture)} |");
        writer.WriteLine($"| Classes | {report.Labels.Count.ToString(CultureInfo.InvariantCulture)} |");
        writer.WriteLine($"| Micro accuracy | {Percent(report.MicroAccuracy)} |");
        writer.WriteLine($"| Macro accuracy | {Percent(report.MacroAccuracy)} |");
        writer.WriteLine($"| Macro F1 | {Number(report.Classes.Count == 0 ? double.NaN : report.Classes.Average(c => c.F1))} |");
        writer.WriteLine($"| Log loss | {Number(report.LogLoss)} |");
        writer.WriteLine($"| Log-loss reduction | {Number(report.LogLossReduction)} |");
        writer.WriteLine($"| Skipped files | {report.Skipped.Count.ToString(CultureInfo.InvariantCulture)} |");
        writer.WriteLine();

        writer.WriteLine("## Per class");
        writer.WriteLine();
        writer.WriteLine(chartFont.LabelsRender ? "| Label | Precision | Recall | F1 | Support |" : "| # | Label | Precision | Recall | F1 | Support |");
        writer.WriteLine(chartFont.LabelsRender ? "|---|---:|---:|---:|---:|" : "|---:|---|---:|---:|---:|---:|");
        for (int i = 0; i < report.Classes.Count; i++)
        {
            var c = report.Classes[i];
            // Without a CJK font the charts show class indexes, so the table doubles as their legend.
            string index = chartFont.LabelsRender ? "" : $"{i.ToString(CultureInfo.InvariantCulture)} | ";
            writer.WriteLine($"| {index}{MarkdownText(c.Label)} | {Number(c.Precision)} | {Number(c.Recall)} | {Number(c.F1)} | {c.Support.ToString(CultureInfo.InvariantCulture)} |");
        }

        if (!chartFont.LabelsRender)
        {
            writer.WriteLine();
            writer.WriteLine("No installed font has glyphs for every label, so confusion.png and f1.png show the class index (#) instead.");
        }

        writer.WriteLine();

        writer.WriteLine($"## Most confused (top {MostConfusedCount.ToString(CultureInfo.InvariantCulture)})");
        writer.WriteLine();
        var confused = report.MostConfused(MostConfusedCount);
        if (confused.Count == 0)
        {
            writer.WriteLine("No confusions.");
        }

        foreach (var pair in confused)
        {
            writer.WriteLine($"- {MarkdownText(pair.Truth)} → {MarkdownText(pair.Predicted)}: {pair.Count.ToString(CultureInfo.InvariantCulture)}");
        }

        writer.WriteLine();

        writer.WriteLine($"## Skipped files ({report.Skipped.Count.ToString(CultureInfo.InvariantCulture)})");
        writer.WriteLine();
        if (report.Skipped.Count == 0)
        {
            writer.WriteLine("None.");
        }
        else
        {
            writer.WriteLine("| File | Reason |");
            writer.WriteLine("|---|---|");
            foreach (var skipped in report.Skipped)
            {
                writer.WriteLine($"| {MarkdownText(skipped.Path)} | {MarkdownText(skipped.Reason)} |");
            }
        }

        writer.WriteLine();

        WriteMisclassified(report, writer);

        if (report.Duplicates is { } duplicates) WriteDuplicates(duplicates, writer);

        writer.WriteLine("## Details");
        writer.WriteLine();
        if (report.Details.Count == 0)
        {
            writer.WriteLine("None.");
        }
        else
        {
            writer.WriteLine("| Key | Value |");
            writer.WriteLine("|---|---|");
            foreach (var (key, value) in report.Details)
            {
                writer.WriteLine($"| {MarkdownText(key)} | {MarkdownText(value)} |");
            }
        }
    }

    private static void WriteMisclassified(EvaluationReport report, StreamWriter writer)
    {
        int count = report.Misclassified.Count;
        writer.WriteLine($"## Misclassified images ({count.ToString(CultureInfo.InvariantCulture)})");
        writer.WriteLine();
        if (count == 0)
        {
            writer.WriteLine("None.");
        }
        else
        {
            writer.WriteLine("| File | Truth | Predicted | Confidence |");
            writer.WriteLine("|---|---|---|---:|");
            foreach (var miss in report.Misclassified.Take(MisclassifiedListed))
            {
                writer.WriteLine($"| {MarkdownText(miss.Path)} | {MarkdownText(miss.Truth)} | {MarkdownText(miss.Predicted)} | {Number(miss.Confidence)} |");
            }

            if (count > MisclassifiedListed)
            {
                writer.WriteLine();
                writer.WriteLine($"The first {MisclassifiedListed.ToString(CultureInfo.InvariantCulture)} are listed; {JsonFileName} lists all {count.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        writer.WriteLine();
    }

    private static void WriteDuplicates(DuplicateSummary duplicates, StreamWriter writer)
    {
        writer.WriteLine("## Identical images");
        writer.WriteLine();
        writer.WriteLine($"{duplicates.IdenticalFiles.ToString(CultureInfo.InvariantCulture)} files of the data folder are byte-identical copies of one another ({duplicates.IdenticalGroups.ToString(CultureInfo.InvariantCulture)} sets).");
        if (duplicates.EvaluatedSeenInTraining is { } seen)
        {
            string unseen = duplicates.UnseenMicroAccuracy is { } accuracy ? $"; micro accuracy on the others: {Percent(accuracy)}" : "";
            writer.WriteLine($"{seen.ToString(CultureInfo.InvariantCulture)} evaluated images are identical to a training image{unseen}.");
        }
        writer.WriteLine();
        writer.WriteLine($"Sets whose copies sit under different labels ({duplicates.Conflicting.Count.ToString(CultureInfo.InvariantCulture)}): at most one label of each can be right.");
        writer.WriteLine();
        if (duplicates.Conflicting.Count == 0) writer.WriteLine("None.");
        foreach (var set in duplicates.Conflicting)
            writer.WriteLine($"- {string.Join(", ", set.Select(MarkdownText))}");
        writer.WriteLine();
    }

    private static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("0.0000", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double value) =>
        double.IsFinite(value) ? (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Keeps free text inside one Markdown table cell: no pipes, no line breaks.</summary>
    private static string MarkdownText(string text) =>
        text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");

    /// <summary>Quotes a CSV field when it holds a separator, quote or line break (RFC 4180).</summary>
    private static string CsvField(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) < 0 ? text : $"\"{text.Replace("\"", "\"\"")}\"";

    private sealed record JsonReport(
        string Model,
        string Split,
        int Samples,
        double MicroAccuracy,
        double MacroAccuracy,
        double LogLoss,
        double LogLossReduction,
        IReadOnlyList<ClassMetrics> Classes,
        JsonConfusion Confusion,
        IReadOnlyList<ConfusedPair> MostConfused,
        IReadOnlyList<SkippedFile> Skipped,
        IReadOnlyList<Misclassification> Misclassified,
        DuplicateSummary? Duplicates,
        IReadOnlyDictionary<string, string> Details);

    private sealed record JsonConfusion(IReadOnlyList<string> Labels, int[][] Counts);
}
