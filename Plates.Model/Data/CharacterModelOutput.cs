using Microsoft.ML.Data;

namespace Plates.Model.Data;

/// <summary>What a character model answers: the most likely label and one probability per class.</summary>
public class CharacterModelOutput
{
    [ColumnName(@"PredictedLabel")]
    public string PredictedLabel { get; set; } = "";

    /// <summary>Class probabilities, in the order of the model's score slot names.</summary>
    [ColumnName(@"Score")]
    public float[] Score { get; set; } = [];
}
