using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;
using Plates.Model.Features;

namespace Plates.Model.Pipelines;

/// <summary>
/// The pipeline every character model shares: label to key, image bytes to features (decode, grey, resize, pixels,
/// HOG, projections and more, as <see cref="CharacterFeatureSet"/> chooses), normalise, multiclass trainer, key back to
/// label. The whole chain is saved in the .zip, so a PredictionEngine takes raw image bytes.
/// </summary>
public static class CharacterPipeline
{
    public const float DefaultL2Regularization = 10f;

    /// <param name="l2Regularization">L2 weight penalty for the linear trainers; 10 measured best on the province split (README).</param>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext, CharacterTrainer trainer = CharacterTrainer.Lbfgs, float l2Regularization = DefaultL2Regularization, CharacterFeatureSet features = CharacterFeatureSet.Full)
    {
        return mlContext.Transforms.Conversion.MapValueToKey(outputColumnName: @"Label", inputColumnName: @"Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(CharacterFeaturizer.Estimator(mlContext, features))
            .Append(mlContext.Transforms.NormalizeMeanVariance(outputColumnName: @"Features", inputColumnName: @"Features"))
            // Trainers pass over the data many times; caching keeps the decode and HOG to one pass.
            .AppendCacheCheckpoint(mlContext)
            .Append(BuildTrainer(mlContext, trainer, l2Regularization))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue(outputColumnName: @"PredictedLabel", inputColumnName: @"PredictedLabel"));
    }

    private static IEstimator<ITransformer> BuildTrainer(MLContext mlContext, CharacterTrainer trainer, float l2Regularization) => trainer switch
    {
        CharacterTrainer.Sdca => mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = @"Label",
            FeatureColumnName = @"Features",
            ExampleWeightColumnName = @"Weight",
            MaximumNumberOfIterations = 100,
            L2Regularization = l2Regularization / 1000f,
            NumberOfThreads = 1,
        }),
        CharacterTrainer.Lbfgs => mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = @"Label",
            FeatureColumnName = @"Features",
            ExampleWeightColumnName = @"Weight",
            L2Regularization = l2Regularization,
            NumberOfThreads = 1,
        }),
        CharacterTrainer.LightGbm => mlContext.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            LabelColumnName = @"Label",
            FeatureColumnName = @"Features",
            ExampleWeightColumnName = @"Weight",
            NumberOfIterations = 100,
            Seed = 1,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(trainer), trainer, "Unknown trainer."),
    };
}
