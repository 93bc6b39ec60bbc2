namespace Plates.Consume.Recognition;

/// <summary>
/// One character as a model read it: the label and the probability the model gave it, and the labels it found next
/// most probable (<see cref="RunnersUp"/>), from which a plate's alternative readings are made.
/// </summary>
public readonly record struct CharacterPrediction(string Label, float Confidence)
{
    private readonly IReadOnlyList<CharacterPrediction>? _runnersUp;

    /// <summary>
    /// The labels after <see cref="Label"/> in the model's order, most probable first, each with its probability (at most
    /// <see cref="CharacterClassifier.RunnersUpKept"/>; empty when the prediction was made without them). Their own
    /// runners-up are empty.
    /// </summary>
    public IReadOnlyList<CharacterPrediction> RunnersUp
    {
        get => _runnersUp ?? [];
        init => _runnersUp = value;
    }
}
