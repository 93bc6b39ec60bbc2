using Microsoft.ML;
using Microsoft.ML.Data;
using Plates.Train.Reports;

namespace Plates.Tests.Reports;

/// <summary>
/// A small evaluation whose answer is known. Truth → predicted pairs over four classes, the last of which is neither
/// seen nor predicted:
/// <code>
///          京  沪  粤  A
///     京    2   1   0  0
///     沪    0   1   0  0
///     粤    1   0   1  0
///     A     0   0   0  0
/// </code>
/// </summary>
internal static class ReportTestData
{
    public static readonly string[] Labels = ["京", "沪", "粤", "A"];

    public static readonly (int Truth, int Predicted)[] Pairs = [(0, 0), (0, 0), (0, 1), (1, 1), (2, 2), (2, 0)];

    public static MulticlassClassificationMetrics Evaluate()
    {
        var mlContext = new MLContext(seed: 1);
        int classes = Labels.Length;
        var rows = Pairs.Select(p => new ScoredRow
        {
            // LoadFromEnumerable reads key values 0-based: 0 is the first class.
            Label = (uint)p.Truth,
            PredictedLabel = (uint)p.Predicted,
            Score = Enumerable.Range(0, classes).Select(c => c == p.Predicted ? 0.7f : 0.1f).ToArray(),
        });

        var schema = SchemaDefinition.Create(typeof(ScoredRow));
        schema[nameof(ScoredRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        schema[nameof(ScoredRow.PredictedLabel)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        schema[nameof(ScoredRow.Score)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, classes);

        var data = mlContext.Data.LoadFromEnumerable(rows, schema);
        return mlContext.MulticlassClassification.Evaluate(data);
    }

    public static EvaluationReport Report() => EvaluationReport.FromMetrics(
        "province",
        "test",
        Evaluate(),
        Labels,
        [new SkippedFile("/data/province/京/broken.png", "cannot decode image"), new SkippedFile("/data/loose.png", "file is not inside a class folder")],
        new Dictionary<string, object> { ["trainer"] = "Sdca", ["seed"] = "1" });

    public static string NewTempDirectory() =>
        Path.Combine(Path.GetTempPath(), "plates-report-tests", Guid.NewGuid().ToString("N"));

    private sealed class ScoredRow
    {
        public uint Label { get; set; }

        public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];
    }
}
