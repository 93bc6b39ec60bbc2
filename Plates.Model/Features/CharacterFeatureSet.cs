namespace Plates.Model.Features;

/// <summary>Which parts of <see cref="CharacterFeatures"/> a model uses. Left-out parts are zero, so every set has one vector length.</summary>
public enum CharacterFeatureSet
{
    /// <summary>Pixels, HOG, projections and 8-direction gradients: the shipped choice.</summary>
    Full,

    /// <summary>Pixels, HOG and projections.</summary>
    PixelsHog,

    /// <summary>The 20×20 grey pixels alone.</summary>
    Pixels,
}
