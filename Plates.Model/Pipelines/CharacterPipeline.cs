using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Onnx;
using Plates.Model.Features;
using Plates.Model.Network;

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
    /// <param name="network">
    /// A trained convolutional network to learn from, or null for the hand features alone. When given, the network is
    /// exported to ONNX and stored in the model (the saved .zip holds its bytes), the image's pixels go through it
    /// (ApplyOnnxModel) and its embedding, the output of its last hidden layer, becomes the trainer's features,
    /// the way Model Builder puts a DNN featurizer in front of a linear trainer.
    /// </param>
    /// <param name="handFeatures">With a network: also append the <paramref name="features"/> set to the embedding.</param>
    /// <remarks>
    /// A model with a network holds an ONNX Runtime session: create its engines with
    /// <see cref="CharacterModel.CreatePredictionEngine"/> (a plain engine closes the session when disposed) and dispose
    /// the model when done with it (that also deletes ML.NET's temporary copy of the ONNX bytes).
    /// </remarks>
    /// <exception cref="ArgumentException">The network does not read <see cref="CharacterFeatures.Side"/>-pixel squares.</exception>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext, CharacterTrainer trainer = CharacterTrainer.Lbfgs, float l2Regularization = DefaultL2Regularization, CharacterFeatureSet features = CharacterFeatureSet.Full, ConvNet? network = null, bool handFeatures = true)
    {
        var label = mlContext.Transforms.Conversion.MapValueToKey(outputColumnName: @"Label", inputColumnName: @"Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
        var featurized = network is null
            ? label.Append(CharacterFeaturizer.Estimator(mlContext, features))
            : label.Append(NetworkFeatures(mlContext, network, handFeatures ? features : null));
        return featurized
            .Append(mlContext.Transforms.NormalizeMeanVariance(outputColumnName: @"Features", inputColumnName: @"Features"))
            // Trainers pass over the data many times; caching keeps the decode and HOG to one pass.
            .AppendCacheCheckpoint(mlContext)
            .Append(BuildTrainer(mlContext, trainer, l2Regularization))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue(outputColumnName: @"PredictedLabel", inputColumnName: @"PredictedLabel"));
    }

    /// <summary>Image bytes → pixels → the network's embedding → Features (after the hand features when <paramref name="handFeatures"/> is set).</summary>
    private static IEstimator<ITransformer> NetworkFeatures(MLContext mlContext, ConvNet network, CharacterFeatureSet? handFeatures)
    {
        if (network.InputSide != CharacterFeatures.Side)
            throw new ArgumentException($"The network reads {network.InputSide}×{network.InputSide} images; the featurizer makes {CharacterFeatures.Side}×{CharacterFeatures.Side}.", nameof(network));
        var embedded = NetworkPixelsFeaturizer.Estimator(mlContext)
            .Append(mlContext.Transforms.ApplyOnnxModel(new OnnxOptions
            {
                // ApplyOnnxModel reads a file; saving copies its bytes into the .zip, and a loaded model runs from them.
                ModelFile = OnnxModelFiles.Write(OnnxExport.ToBytes(network)),
                InputColumns = [OnnxExport.InputName],
                OutputColumns = [OnnxExport.EmbeddingName],
                GpuDeviceId = null,
                FallbackToCpu = false,
                // One row at a time is far too little work to share between threads, and the trainer keeps the cores busy.
                InterOpNumThreads = 1,
                IntraOpNumThreads = 1,
            }));
        return handFeatures is { } set
            ? embedded
                .Append(CharacterFeaturizer.Estimator(mlContext, set))
                .Append(mlContext.Transforms.Concatenate(@"Features", OnnxExport.EmbeddingName, @"Features"))
            // Concatenate rather than a copy: the ONNX output is typed [1, size], the trainer wants a flat vector.
            : embedded.Append(mlContext.Transforms.Concatenate(@"Features", OnnxExport.EmbeddingName));
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
