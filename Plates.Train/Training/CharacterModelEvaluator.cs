using Microsoft.ML;
using Microsoft.ML.Data;
using Plates.Model.Data;
using Plates.Model.Pipelines;
using Plates.Train.Reports;
using Plates.Train.Data;

namespace Plates.Train.Training;

/// <summary>Scores labelled images with a model and computes ML.NET's multiclass metrics.</summary>
public static class CharacterModelEvaluator
{
    /// <param name="dataFolder">The folder the images were read from; misclassified files are named relative to it.</param>
    /// <returns>The metrics, the class labels in the order of the confusion matrix, and every image read wrong.</returns>
    public static (MulticlassClassificationMetrics Metrics, IReadOnlyList<string> Labels, IReadOnlyList<Misclassification> Misclassified) Evaluate(
        MLContext mlContext, ITransformer model, IReadOnlyList<LabelledImage> images, string dataFolder)
    {
        var (metrics, labels, misclassified, _) = Evaluate(mlContext, model, images, DataSources.Single(dataFolder));
        return (metrics, labels, misclassified);
    }

    /// <param name="sources">The sources the images were read from; misclassified files are named by <see cref="DataSources.NameOf(LabelledImage)"/>.</param>
    /// <returns>The metrics, the class labels in the order of the confusion matrix, every image read wrong, and each image's predicted label (in the order of <paramref name="images"/>).</returns>
    public static (MulticlassClassificationMetrics Metrics, IReadOnlyList<string> Labels, IReadOnlyList<Misclassification> Misclassified, IReadOnlyList<string> Predicted) Evaluate(
        MLContext mlContext, ITransformer model, IReadOnlyList<LabelledImage> images, DataSources sources)
    {
        if (images.Count == 0)
            throw new InvalidOperationException("There are no images to evaluate on.");
        IDataView data = mlContext.Data.LoadFromEnumerable(CharacterModelTrainer.ToModelInputs(images));
        // Metrics and the misclassified list both read the scored rows: cache them so each image is decoded and featurised once.
        IDataView scored = mlContext.Data.Cache(model.Transform(data));
        var metrics = mlContext.MulticlassClassification.Evaluate(scored, labelColumnName: @"Label", scoreColumnName: @"Score");

        // Rows come back in input order, so row i is images[i]; the file list is what a person opens to see why.
        var misclassified = new List<Misclassification>();
        var predicted = new List<string>(images.Count);
        int row = 0;
        foreach (var output in mlContext.Data.CreateEnumerable<CharacterModelOutput>(scored, reuseRowObject: false))
        {
            var image = images[row++];
            predicted.Add(output.PredictedLabel);
            if (output.PredictedLabel != image.Label)
            {
                float confidence = output.Score.Length == 0 ? float.NaN : output.Score.Max();
                misclassified.Add(new Misclassification(sources.NameOf(image), image.Label, output.PredictedLabel, confidence));
            }
        }

        return (metrics, CharacterModel.ScoreLabels(scored.Schema), misclassified, predicted);
    }
}
