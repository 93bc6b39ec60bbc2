namespace Plates.Model.Features;

/// <summary>
/// Which features a model learns from. <see cref="Full"/>, <see cref="PixelsHog"/> and <see cref="Pixels"/> are parts of
/// <see cref="CharacterFeatures"/> (contract v1 and its Pixels and PixelsHog variants; left-out parts are zero, so they
/// share one vector length);
/// <see cref="Centred"/> is <see cref="CentredCharacterFeatures"/> (contract v2).
/// </summary>
public enum CharacterFeatureSet
{
    /// <summary>Pixels, HOG, projections and 8-direction gradients: the shipped alnum model's.</summary>
    Full,

    /// <summary>Pixels, HOG and projections.</summary>
    PixelsHog,

    /// <summary>The 20×20 grey pixels alone.</summary>
    Pixels,

    /// <summary>The character centred on its intensity centroid, then Full features with square-rooted HOG, plus LBP histograms.</summary>
    Centred,
}
