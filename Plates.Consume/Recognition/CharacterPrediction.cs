namespace Plates.Consume.Recognition;

/// <summary>One character as a model read it: the label and the probability the model gave it.</summary>
public readonly record struct CharacterPrediction(string Label, float Confidence);
