using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using Plates.Model.Pipelines;

namespace Plates.Train.Training;

/// <summary>
/// The trainer estimator <see cref="CharacterPipeline.BuildPipeline(MLContext, IEstimator{ITransformer}, IEstimator{ITransformer})"/>
/// ends in. The linear trainers are Plates.Model's (they are in Microsoft.ML); LightGBM is built here, so its package
/// and native library stay out of the assemblies an application loads to read plates.
/// </summary>
public static class CharacterTrainerFactory
{
    /// <param name="l2Regularization">The L2 penalty of the linear trainers (LightGBM has its own regularisation and ignores it).</param>
    public static IEstimator<ITransformer> Create(MLContext mlContext, CharacterTrainer trainer, float l2Regularization = CharacterPipeline.DefaultL2Regularization) => trainer switch
    {
        CharacterTrainer.Lbfgs => CharacterPipeline.LbfgsTrainer(mlContext, l2Regularization),
        CharacterTrainer.Sdca => CharacterPipeline.SdcaTrainer(mlContext, l2Regularization),
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
