using Plates.Model.Features;
using Plates.Model.Pipelines;

namespace Plates.Train.Training;

/// <summary>How a character model is trained; the defaults are the ones the shipped models were trained with.</summary>
public sealed record TrainingOptions
{
    public double TestFraction { get; init; } = 0.3;

    public int Seed { get; init; } = 1;

    public CharacterTrainer Trainer { get; init; } = CharacterTrainer.Lbfgs;

    /// <summary>Rare classes are topped up with altered copies to this many training images.</summary>
    public int MinimumPerClass { get; init; } = 150;

    /// <summary>Altered copies added for every training image.</summary>
    public int CopiesPerImage { get; init; } = 2;

    /// <summary>L2 penalty of the linear trainers (SDCA takes it divided by 1000, its own scale).</summary>
    public float L2Regularization { get; init; } = CharacterPipeline.DefaultL2Regularization;

    /// <summary>Which features the model learns from.</summary>
    public CharacterFeatureSet Features { get; init; } = CharacterFeatureSet.Full;

    /// <summary>Weight each training example by the inverse of its class's frequency.</summary>
    public bool WeightClasses { get; init; } = true;
}
