using Microsoft.ML;
using Microsoft.ML.Data;
using Plates.Model.Pipelines;
using Plates.Train.Data;

namespace Plates.Train.Training;

/// <summary>Scores labelled images with a model and computes ML.NET's multiclass metrics.</summary>
public static class CharacterModelEvaluator
{
    /// <returns>The metrics and the class labels in the order of the confusion matrix.</returns>
    public static (MulticlassClassificationMetrics Metrics, IReadOnlyList<string> Labels) Evaluate(
        MLContext mlContext, ITransformer model, IReadOnlyList<LabelledImage> images)
    {
        if (images.Count == 0)
            throw new InvalidOperationException("There are no images to evaluate on.");
        IDataView data = mlContext.Data.LoadFromEnumerable(CharacterModelTrainer.ToModelInputs(images));
        IDataView scored = model.Transform(data);
        var metrics = mlContext.MulticlassClassification.Evaluate(scored, labelColumnName: @"Label", scoreColumnName: @"Score");
        return (metrics, CharacterModel.ScoreLabels(scored.Schema));
    }
}
