using System.Globalization;
using Microsoft.ML;
using Plates.Model.Labels;
using Plates.Model.Pipelines;
using Plates.Train.Data;
using Plates.Train.Reports;

namespace Plates.Train.Training;

/// <summary>Which images of a folder an evaluation scores.</summary>
public enum EvaluationSplit
{
    /// <summary>The part training held out: same folder, seed and fraction give the same images.</summary>
    Test,

    /// <summary>Every readable image.</summary>
    All,
}

/// <summary>Re-evaluates a saved model on a folder of class folders and writes the same report training writes.</summary>
public static class EvaluationRun
{
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="InvalidDataException">The model file cannot be loaded.</exception>
    /// <exception cref="DirectoryNotFoundException">The data folder does not exist.</exception>
    public static (EvaluationReport Report, IReadOnlyList<string> Warnings) Run(
        string modelPath, string dataFolder, EvaluationSplit split, double testFraction, int seed, string reportFolder, StepProgress? progress = null)
    {
        var mlContext = new MLContext(seed: seed);
        ITransformer model = CharacterModel.Load(mlContext, modelPath, out _);
        var modelLabels = CharacterModel.ScoreLabels(model.GetOutputSchema(CharacterModelTrainer.InputSchema(mlContext)));
        var labels = LabelSet.Exactly(Path.GetFileNameWithoutExtension(modelPath), modelLabels.ToArray());

        var dataset = CharacterFolderReader.Read(dataFolder, labels, (done, total) => progress?.Invoke("Reading images", done / (double)total));
        IReadOnlyList<LabelledImage>? train = null;
        var images = dataset.Images;
        if (split == EvaluationSplit.Test) (train, images) = StratifiedSplit.Split(dataset.Images, testFraction, seed);
        if (images.Count == 0)
            throw new InvalidOperationException($"{dataFolder}: no readable images of the model's classes to evaluate on. {string.Join(" ", dataset.Warnings)}");

        progress?.Invoke("Evaluating", double.NaN);
        var (metrics, scoreLabels, misclassified) = CharacterModelEvaluator.Evaluate(mlContext, model, images, dataFolder);
        var details = new Dictionary<string, string>
        {
            ["model"] = Path.GetFullPath(modelPath),
            ["data"] = Path.GetFullPath(dataFolder),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["testFraction"] = testFraction.ToString(CultureInfo.InvariantCulture),
        };
        var report = EvaluationReport.FromMetrics(labels.Name, split.ToString().ToLowerInvariant(), metrics, scoreLabels, dataset.Skipped, details, misclassified) with
        {
            // Which images trained the model is known only for the held-out split (same folder, seed and fraction).
            Duplicates = DuplicateImages.Analyse(dataset.Images, train, images, misclassified, dataFolder),
        };
        ReportWriter.Write(report, reportFolder);
        return (report, dataset.Warnings);
    }
}
