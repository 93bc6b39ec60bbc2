namespace Plates.Train.Data;

/// <summary>One character image read from a class folder: where it came from, its label (the folder name) and its file bytes.</summary>
public sealed record LabelledImage(string Path, string Label, byte[] Bytes)
{
    /// <summary>Index of the <see cref="DataSource"/> it was read from (0 when there is one).</summary>
    public int Source { get; init; }

    /// <summary>Its source's <see cref="DataSource.Weight"/>: how much this example counts in training beside the others of its class.</summary>
    public double Weight { get; init; } = 1;
}
