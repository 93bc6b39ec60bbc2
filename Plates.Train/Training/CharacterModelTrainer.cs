using System.Diagnostics;
using Microsoft.ML;
using Plates.Model.Data;
using Plates.Model.Features;
using Plates.Model.Pipelines;
using Plates.Network;
using Plates.Train.Data;
using Plates.Train.Training.Convolutional;

namespace Plates.Train.Training;

/// <summary>A fitted character model with what it took to make it.</summary>
public sealed record TrainedModel(ITransformer Model, DataViewSchema InputSchema, TimeSpan TrainingTime, int OriginalImages, int TrainingImages)
{
    /// <summary>The network whose embedding the model learns from, when one was trained.</summary>
    public ConvNet? Network { get; init; }
}

/// <summary>Fits the character pipeline on training images: augmentation, class weights, then the ML.NET pipeline.</summary>
public static class CharacterModelTrainer
{
    /// <param name="options">Settled for the model (see <see cref="TrainingOptions.For"/>); a null <see cref="TrainingOptions.MinimumPerClass"/> means no top-up, a null <see cref="TrainingOptions.Features"/> the v1 <see cref="CharacterFeatureSet.Full"/> set.</param>
    /// <param name="progress">Told "Training network" (fraction of epochs done) when <see cref="TrainingOptions.Network"/> asks for one, then "Training".</param>
    public static TrainedModel Train(MLContext mlContext, IReadOnlyList<LabelledImage> train, TrainingOptions options, StepProgress? progress = null)
    {
        if (train.Select(i => i.Label).Distinct().Count() < 2)
            throw new InvalidOperationException("At least two classes with images are needed to train a classifier.");

        var stopwatch = Stopwatch.StartNew();
        // The network sees fresh random jitter every epoch, so it trains on the original images, not the altered copies.
        ConvNet? network = options.Network == NetworkUse.None
            ? null
            : CharacterNetworkTrainer.Train(train, options.NetworkTraining with { Seed = options.Seed }, fraction => progress?.Invoke("Training network", fraction));
        progress?.Invoke("Training", double.NaN);
        var augmented = CharacterAugmenter.Augment(train, options.MinimumPerClass ?? 0, options.CopiesPerImage, options.Seed, options.LowResolutionShare, options.OffsetCutShare);
        var inputs = ToModelInputs(augmented, options.WeightClasses);
        IDataView data = mlContext.Data.LoadFromEnumerable(inputs);
        var features = options.Features ?? CharacterFeatureSet.Full;
        var trainer = CharacterTrainerFactory.Create(mlContext, options.Trainer, options.L2Regularization);
        var pipeline = network is null
            ? CharacterPipeline.BuildPipeline(mlContext, CharacterFeaturizer.Estimator(mlContext, features), trainer)
            : NetworkPipeline.BuildPipeline(mlContext, network, options.Network == NetworkUse.WithFeatures ? features : null, trainer);
        var model = pipeline.Fit(data);
        stopwatch.Stop();
        return new TrainedModel(model, data.Schema, stopwatch.Elapsed, train.Count, augmented.Count) { Network = network };
    }

    /// <summary>The schema of <see cref="CharacterModelInput"/>, for asking a loaded model what it outputs.</summary>
    public static DataViewSchema InputSchema(MLContext mlContext) =>
        mlContext.Data.LoadFromEnumerable(Array.Empty<CharacterModelInput>()).Schema;

    /// <summary>
    /// The images as model inputs, each example weighted by the inverse of its class's frequency (with
    /// <paramref name="weightClasses"/>) times its source's <see cref="LabelledImage.Weight"/>: a source of weight ½
    /// counts half as much as the others within a class, and a class that only such a source has weighs half as much
    /// as the rest, so the model is slower to answer it. Weights are normalised to average 1 so that the regulariser
    /// keeps its meaning; with every source of weight 1 this is plain inverse class frequency, as before sources had
    /// weights.
    /// </summary>
    public static List<CharacterModelInput> ToModelInputs(IReadOnlyList<LabelledImage> images, bool weightClasses = false)
    {
        var counts = images.GroupBy(i => i.Label).ToDictionary(g => g.Key, g => g.Count());
        double mean = images.Count / (double)Math.Max(1, counts.Count);
        double Raw(LabelledImage i) => (weightClasses ? mean / counts[i.Label] : 1) * i.Weight;
        // Every weight 1: the raw weights already average 1 (no rescaling, so the figures stay what they were).
        double scale = images.All(i => i.Weight == 1) ? 1 : images.Count / images.Sum(Raw);
        return images.Select(i => new CharacterModelInput
        {
            Label = i.Label,
            ImageSource = i.Bytes,
            Weight = (float)(Raw(i) * scale),
        }).ToList();
    }
}
