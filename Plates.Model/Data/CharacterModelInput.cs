using Microsoft.ML.Data;

namespace Plates.Model.Data;

/// <summary>One character image as the saved models take it: the encoded file bytes (JPEG, PNG, BMP …) and, for training, its label.</summary>
public class CharacterModelInput
{
    [LoadColumn(0)]
    [ColumnName(@"Label")]
    public string Label { get; set; } = "";

    [LoadColumn(1)]
    [ColumnName(@"ImageSource")]
    public byte[] ImageSource { get; set; } = [];

    /// <summary>Training weight; rare classes weigh more so that the model does not learn to ignore them.</summary>
    [LoadColumn(2)]
    [ColumnName(@"Weight")]
    public float Weight { get; set; } = 1f;
}
