using Microsoft.ML;
using Microsoft.ML.Transforms.Onnx;
using Plates.Model.Features;
using Plates.Model.Pipelines;

namespace Plates.Network;

/// <summary>
/// The character pipeline with a trained convolutional network in front of the trainer, the way Model Builder puts a DNN
/// featurizer in front of a linear trainer: the network is exported to ONNX and stored in the model (the saved .zip
/// holds its bytes), the image's pixels go through it (ApplyOnnxModel) and its embedding, the output of its last hidden
/// layer, becomes the trainer's features.
/// </summary>
/// <remarks>
/// A model with a network holds an ONNX Runtime session: create its engines with
/// <see cref="CharacterModel.CreatePredictionEngine"/> (a plain engine closes the session when disposed) and dispose
/// the model when done with it (that also deletes ML.NET's temporary copy of the ONNX bytes). Loading it needs this
/// assembly beside the application: <see cref="CharacterModel.Load"/> finds it by name.
/// </remarks>
public static class NetworkPipeline
{
    /// <summary><see cref="CharacterPipeline.BuildPipeline(MLContext, IEstimator{ITransformer}, IEstimator{ITransformer})"/> over <see cref="Featurizer"/>.</summary>
    /// <param name="trainer">The multiclass trainer; null takes <see cref="CharacterPipeline.LbfgsTrainer"/>.</param>
    /// <exception cref="ArgumentException">The network does not read <see cref="CharacterFeatures.Side"/>-pixel squares.</exception>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext, ConvNet network, CharacterFeatureSet? handFeatures = null, IEstimator<ITransformer>? trainer = null) =>
        CharacterPipeline.BuildPipeline(mlContext, Featurizer(mlContext, network, handFeatures), trainer ?? CharacterPipeline.LbfgsTrainer(mlContext));

    /// <summary>Image bytes → pixels → the network's embedding → Features (followed by the <paramref name="handFeatures"/> set when one is given).</summary>
    /// <exception cref="ArgumentException">The network does not read <see cref="CharacterFeatures.Side"/>-pixel squares.</exception>
    public static IEstimator<ITransformer> Featurizer(MLContext mlContext, ConvNet network, CharacterFeatureSet? handFeatures = null)
    {
        ArgumentNullException.ThrowIfNull(network);
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
}
