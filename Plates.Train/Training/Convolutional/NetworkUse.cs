namespace Plates.Train.Training.Convolutional;

/// <summary>Whether a character model learns from a convolutional network trained here first, and how.</summary>
public enum NetworkUse
{
    /// <summary>Hand features only.</summary>
    None,

    /// <summary>The trainer learns from the network's embedding alone.</summary>
    Alone,

    /// <summary>The trainer learns from the embedding followed by the hand features of <see cref="TrainingOptions.Features"/>.</summary>
    WithFeatures,
}
