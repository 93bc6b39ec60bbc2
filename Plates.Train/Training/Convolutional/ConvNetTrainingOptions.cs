namespace Plates.Train.Training.Convolutional;

/// <summary>How a character network is trained: mini-batch AdamW with a cosine learning-rate decay and random jitter.</summary>
public sealed record ConvNetTrainingOptions
{
    public int Epochs { get; init; } = 15;

    public int BatchSize { get; init; } = 64;

    /// <summary>Peak AdamW step size; it decays along a half cosine to zero by the last epoch.</summary>
    public float LearningRate { get; init; } = 0.002f;

    /// <summary>Decoupled weight decay (AdamW), applied to weights, not biases.</summary>
    public float WeightDecay { get; init; } = 0.0005f;

    public int Seed { get; init; } = 1;

    /// <summary>Worker threads; each takes a fixed share of every batch, so the result does not depend on timing.</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Shift every image by a fresh random rotation, scale, offset and contrast each epoch.</summary>
    public bool Jitter { get; init; } = true;
}
