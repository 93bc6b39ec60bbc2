using Microsoft.ML;
using Microsoft.ML.Trainers;
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

    /// <summary>The hand-feature pipeline with L-BFGS maximum entropy, the shipped models' trainer.</summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext, CharacterFeatureSet features = CharacterFeatureSet.Full) =>
        BuildPipeline(mlContext, CharacterFeaturizer.Estimator(mlContext, features), LbfgsTrainer(mlContext));

    /// <param name="featurizer">
    /// Reads <c>ImageSource</c> (the encoded image bytes) and writes the <c>Features</c> vector: a
    /// <see cref="CharacterFeaturizer.Estimator"/>, or another saveable featurizer (Plates.Network puts a convolutional
    /// network there).
    /// </param>
    /// <param name="trainer">
    /// A multiclass trainer over <c>Label</c> (a key), <c>Features</c> and <c>Weight</c>: <see cref="LbfgsTrainer"/>,
    /// <see cref="SdcaTrainer"/>, or one from another ML.NET package (Plates.Train builds LightGBM this way).
    /// </param>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext, IEstimator<ITransformer> featurizer, IEstimator<ITransformer> trainer) =>
        mlContext.Transforms.Conversion.MapValueToKey(outputColumnName: @"Label", inputColumnName: @"Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(featurizer)
            .Append(mlContext.Transforms.NormalizeMeanVariance(outputColumnName: @"Features", inputColumnName: @"Features"))
            // Trainers pass over the data many times; caching keeps the decode and HOG to one pass.
            .AppendCacheCheckpoint(mlContext)
            .Append(trainer)
            .Append(mlContext.Transforms.Conversion.MapKeyToValue(outputColumnName: @"PredictedLabel", inputColumnName: @"PredictedLabel"));

    /// <summary>L-BFGS maximum entropy (multinomial logistic regression), the shipped choice.</summary>
    /// <param name="l2Regularization">L2 weight penalty; 10 measured best on the province split (README).</param>
    public static IEstimator<ITransformer> LbfgsTrainer(MLContext mlContext, float l2Regularization = DefaultL2Regularization) =>
        mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = @"Label",
            FeatureColumnName = @"Features",
            ExampleWeightColumnName = @"Weight",
            L2Regularization = l2Regularization,
            NumberOfThreads = 1,
        });

    /// <summary>Stochastic dual coordinate ascent, maximum entropy.</summary>
    /// <param name="l2Regularization">On the L-BFGS scale: SDCA takes it divided by 1000, its own scale.</param>
    public static IEstimator<ITransformer> SdcaTrainer(MLContext mlContext, float l2Regularization = DefaultL2Regularization) =>
        mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = @"Label",
            FeatureColumnName = @"Features",
            ExampleWeightColumnName = @"Weight",
            MaximumNumberOfIterations = 100,
            L2Regularization = l2Regularization / 1000f,
            NumberOfThreads = 1,
        });
}
