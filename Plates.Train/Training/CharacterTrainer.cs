namespace Plates.Train.Training;

/// <summary>The multiclass trainers compared for the character models (see the README's comparison table).</summary>
public enum CharacterTrainer
{
    /// <summary>L-BFGS maximum entropy (multinomial logistic regression): the shipped choice.</summary>
    Lbfgs,

    /// <summary>Stochastic dual coordinate ascent, maximum entropy.</summary>
    Sdca,

    /// <summary>LightGBM gradient-boosted trees.</summary>
    LightGbm,
}
