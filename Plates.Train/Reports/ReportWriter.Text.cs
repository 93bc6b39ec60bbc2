using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Plates.Model.Pipelines;
using Plates.Train.Data;

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
        // Every number is a JSON number: log-loss reduction can be -Infinity or NaN on degenerate splits, written as null.
        Converters = { new FiniteOrNullConverter<double>(), new FiniteOrNullConverter<float>() },
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
            report.AllImages,
            report.AccuracyOverAllImages,
            report.Sources,
            JsonClasses(report),
            report.OutsideModel,
            new JsonConfusion(report.Labels, report.Confusion),
            report.MostConfused(MostConfusedCount),
            report.Skipped,
            report.Misclassified,
            report.Duplicates,
            report.Training,
            report.Stamp,
            report.Details);
        JsonSerializer.Serialize(stream, document, s_jsonOptions);
    }

    /// <summary>The model's classes in key order, then the label set's classes it does not know (marked, no precision or recall).</summary>
    private static IReadOnlyList<JsonClass> JsonClasses(EvaluationReport report) =>
        report.Classes.Select(c => new JsonClass(c.Label, c.Precision, c.Recall, c.F1, c.Support, InModel: true))
            .Concat(report.OutsideModel.Where(c => c.InLabelSet).Select(c => new JsonClass(c.Label, null, null, null, c.Images, InModel: false)))
            .ToArray();

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
        int untrained = report.OutsideModel.Count(c => c.InLabelSet);
        string notInModel = untrained == 0 ? "" : $" ({untrained.ToString(CultureInfo.InvariantCulture)} more of the label set are not in the model)";
        writer.WriteLine($"| Classes | {report.Labels.Count.ToString(CultureInfo.InvariantCulture)}{notInModel} |");
        writer.WriteLine($"| Micro accuracy | {Percent(report.MicroAccuracy)} |");
        writer.WriteLine($"| Macro accuracy | {Percent(report.MacroAccuracy)} |");
        int outside = report.AllImages - report.Samples;
        if (outside > 0)
        {
            // Beside the headline: the figures above leave these images out, the next row counts them as errors.
            writer.WriteLine($"| Images of classes the model does not know | {outside.ToString(CultureInfo.InvariantCulture)} |");
            writer.WriteLine($"| Accuracy over all images (those counted as errors) | {Percent(report.AccuracyOverAllImages)} |");
        }
        if (report.Sources.Count > 1)
        {
            // Beside the headline: each source's own figure, comparable with a model trained on that source alone.
            foreach (var source in report.Sources)
                writer.WriteLine($"| Micro accuracy on {MarkdownText(source.Name)} alone ({source.Evaluated.ToString(CultureInfo.InvariantCulture)} images) | {Percent(source.MicroAccuracy)} |");
        }
        writer.WriteLine($"| Macro F1 | {Number(report.Classes.Count == 0 ? double.NaN : report.Classes.Average(c => c.F1))} |");
        writer.WriteLine($"| Log loss | {Number(report.LogLoss)} |");
        writer.WriteLine($"| Log-loss reduction | {Number(report.LogLossReduction)} |");
        writer.WriteLine($"| Skipped files | {report.Skipped.Count.ToString(CultureInfo.InvariantCulture)} |");
        writer.WriteLine();

        WriteSources(report, writer);

        writer.WriteLine("## Per class");
        writer.WriteLine();
        writer.WriteLine(chartFont.LabelsRender ? "| Label | Precision | Recall | F1 | Support |" : "| # | Label | Precision | Recall | F1 | Support |");
        writer.WriteLine(chartFont.LabelsRender ? "|---|---:|---:|---:|---:|" : "|---:|---|---:|---:|---:|---:|");
        var rows = report.Classes.Select((c, i) => (c.Label, Index: (int?)i, Metrics: c))
            .Concat(report.OutsideModel.Where(c => c.InLabelSet).Select(c => (c.Label, Index: (int?)null, Metrics: new ClassMetrics(c.Label, 0, 0, 0, c.Images))));
        foreach (var (label, classIndex, c) in rows)
        {
            // Without a CJK font the charts show class indexes, so the table doubles as their legend.
            string index = chartFont.LabelsRender ? "" : $"{classIndex?.ToString(CultureInfo.InvariantCulture) ?? "–"} | ";
            string name = classIndex is null ? $"{MarkdownText(label)} (not in the model)" : MarkdownText(label);
            string values = classIndex is null ? "– | – | –" : $"{Number(c.Precision)} | {Number(c.Recall)} | {Number(c.F1)}";
            writer.WriteLine($"| {index}{name} | {values} | {c.Support.ToString(CultureInfo.InvariantCulture)} |");
        }
        if (report.OutsideModel.Any(c => c.InLabelSet))
        {
            writer.WriteLine();
            writer.WriteLine("Classes marked *not in the model* had no training data (or fewer than 2 usable images): the model cannot predict them.");
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

        WriteOutsideModel(report, writer);

        WriteMisclassified(report, writer);

        if (report.Duplicates is { } duplicates) WriteDuplicates(duplicates, writer);

        WriteProvenance(report, writer);

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
                writer.WriteLine($"| {MarkdownText(key)} | {MarkdownText(DetailText(value))} |");
            }
        }
    }

    private static void WriteSources(EvaluationReport report, StreamWriter writer)
    {
        if (report.Sources.Count <= 1) return;
        writer.WriteLine("## Per source");
        writer.WriteLine();
        writer.WriteLine("Each source's images are split on their own (per class, same seed), so a source's test images are the ones a model trained on it alone is tested on: its row is comparable with that model's figures.");
        writer.WriteLine();
        writer.WriteLine("| Source | What | Weight | Images | Evaluated | Micro accuracy | Macro accuracy | Folder |");
        writer.WriteLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var s in report.Sources)
        {
            string description = DataSource.Describe(s.Kind);
            writer.WriteLine($"| {MarkdownText(s.Name)} | {MarkdownText(description)} | {s.Weight.ToString(CultureInfo.InvariantCulture)} | {s.Images.ToString(CultureInfo.InvariantCulture)} | {s.Evaluated.ToString(CultureInfo.InvariantCulture)} | {Percent(s.MicroAccuracy)} | {Percent(s.MacroAccuracy)} | {MarkdownText(s.Folder)} |");
        }
        writer.WriteLine();
        foreach (var s in report.Sources.Where(s => s.Kind == DataSourceKind.Rendered))
        {
            writer.WriteLine($"### Classes of {MarkdownText(s.Name)}: rendered images");
            writer.WriteLine();
            writer.WriteLine($"{MarkdownText(s.Name)} holds characters drawn from fonts by `train render`, not cut from photographs. Rendered test images are easier than real ones (a clean glyph of a few faces, distorted only within the ranges the renderer draws from), so these rows show that the model tells the classes apart on renderings; how well it reads them on real plates no image here tests.");
            writer.WriteLine();
            writer.WriteLine("| Label | Evaluated | Correct | Recall | Read as instead |");
            writer.WriteLine("|---|---:|---:|---:|---|");
            foreach (var c in s.Classes)
            {
                string misread = c.Misread.Count == 0 ? "–" : string.Join(", ", c.Misread.Select(m => $"{MarkdownText(m.Predicted)} {m.Count.ToString(CultureInfo.InvariantCulture)}"));
                writer.WriteLine($"| {MarkdownText(c.Label)} | {c.Evaluated.ToString(CultureInfo.InvariantCulture)} | {c.Correct.ToString(CultureInfo.InvariantCulture)} | {Number(c.Recall)} | {misread} |");
            }
            writer.WriteLine();
        }
    }

    private static void WriteOutsideModel(EvaluationReport report, StreamWriter writer)
    {
        var counted = report.OutsideModel.Where(c => c.Images > 0).ToArray();
        if (counted.Length == 0) return;
        int images = counted.Sum(c => c.Images);
        writer.WriteLine($"## Classes the model does not know ({counted.Length.ToString(CultureInfo.InvariantCulture)})");
        writer.WriteLine();
        writer.WriteLine($"{images.ToString(CultureInfo.InvariantCulture)} evaluated images belong to classes the model has no output for. They are counted as errors in *accuracy over all images* ({Percent(report.AccuracyOverAllImages)} of {report.AllImages.ToString(CultureInfo.InvariantCulture)}); micro and macro accuracy cover the model's own classes.");
        writer.WriteLine();
        foreach (var c in counted)
        {
            string why = c.InLabelSet ? $"a {MarkdownText(report.Model)} class the model was not trained on" : $"not a class of the {MarkdownText(report.Training?.LabelSet ?? report.Model)} label set";
            writer.WriteLine($"- {MarkdownText(c.Label)}: {c.Images.ToString(CultureInfo.InvariantCulture)} images ({why})");
        }
        writer.WriteLine();
    }

    private static void WriteProvenance(EvaluationReport report, StreamWriter writer)
    {
        writer.WriteLine("## Provenance");
        writer.WriteLine();
        writer.WriteLine("| Key | Value |");
        writer.WriteLine("|---|---|");
        if (report.Stamp is { } stamp)
        {
            writer.WriteLine($"| report made | {Iso(stamp.DateUtc)} by {MarkdownText(stamp.ToolVersion)} |");
            writer.WriteLine($"| data evaluated | {stamp.DataImages.ToString(CultureInfo.InvariantCulture)} images, {stamp.DataFingerprint} |");
        }
        if (report.Training is not { } training)
        {
            writer.WriteLine("| model trained | unknown: the model carries no training metadata |");
        }
        else
        {
            writer.WriteLine($"| model trained | {Iso(training.TrainedAtUtc)} by {MarkdownText(training.ToolVersion)} |");
            writer.WriteLine($"| training data | {training.DataImages.ToString(CultureInfo.InvariantCulture)} images, {training.DataFingerprint} |");
            writer.WriteLine($"| label set | {MarkdownText(training.LabelSet)}: {MarkdownText(string.Join(" ", training.Classes))} |");
            writer.WriteLine($"| seed, test fraction | {training.Seed.ToString(CultureInfo.InvariantCulture)}, {training.TestFraction.ToString(CultureInfo.InvariantCulture)} |");
            writer.WriteLine($"| features, trainer, L2 | {MarkdownText(training.Features)}, {MarkdownText(training.Trainer)}, {training.L2Regularization.ToString(CultureInfo.InvariantCulture)} |");
            writer.WriteLine($"| top-up, copies, class weights | {training.MinimumPerClass.ToString(CultureInfo.InvariantCulture)} per class, {training.CopiesPerImage.ToString(CultureInfo.InvariantCulture)} per image, {(training.ClassWeights ? "inverse class frequency" : "none")} |");
            writer.WriteLine($"| camera copies (low resolution, offset cut) | {training.LowResolutionShare.ToString(CultureInfo.InvariantCulture)}, {training.OffsetCutShare.ToString(CultureInfo.InvariantCulture)} of the altered copies |");
            string epochs = training.NetworkEpochs is { } e ? $" ({e.ToString(CultureInfo.InvariantCulture)} epochs)" : "";
            writer.WriteLine($"| network | {MarkdownText(training.Network)}{epochs} |");
        }
        writer.WriteLine();
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string DetailText(object value) =>
        value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "";

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
        int AllImages,
        double AccuracyOverAllImages,
        IReadOnlyList<SourceMetrics> Sources,
        IReadOnlyList<JsonClass> Classes,
        IReadOnlyList<ClassOutsideModel> OutsideModel,
        JsonConfusion Confusion,
        IReadOnlyList<ConfusedPair> MostConfused,
        IReadOnlyList<SkippedFile> Skipped,
        IReadOnlyList<Misclassification> Misclassified,
        DuplicateSummary? Duplicates,
        TrainingMetadata? Training,
        ReportStamp? Evaluated,
        IReadOnlyDictionary<string, object> Details);

    /// <summary>A class row of metrics.json; a class the model does not know has no precision, recall or F1 (null).</summary>
    private sealed record JsonClass(string Label, double? Precision, double? Recall, double? F1, int Support, bool InModel);

    private sealed record JsonConfusion(IReadOnlyList<string> Labels, int[][] Counts);

    /// <summary>JSON has no NaN or infinity: a double or float (confidence) that is not finite is written as null.</summary>
    private sealed class FiniteOrNullConverter<T> : JsonConverter<T>
        where T : struct, IFloatingPointIeee754<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? T.NaN : T.CreateChecked(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (!T.IsFinite(value)) writer.WriteNullValue();
            // A float is written as a float: 0.7f stays 0.7, not 0.699999988079071.
            else if (typeof(T) == typeof(float)) writer.WriteNumberValue(float.CreateChecked(value));
            else writer.WriteNumberValue(double.CreateChecked(value));
        }

        public override bool HandleNull => true;
    }
}
