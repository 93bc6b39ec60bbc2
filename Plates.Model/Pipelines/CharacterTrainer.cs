namespace Plates.Model.Pipelines;

/// <summary>The multiclass trainers compared for the character models (see the README's comparison table).</summary>
public enum CharacterTrainer
{
    /// <summary>Stochastic dual coordinate ascent, maximum entropy: the shipped choice.</summary>
    Sdca,

    /// <summary>L-BFGS maximum entropy (multinomial logistic regression).</summary>
    Lbfgs,

    /// <summary>LightGBM gradient-boosted trees.</summary>
    LightGbm,
}
