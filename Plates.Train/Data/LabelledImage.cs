namespace Plates.Train.Data;

/// <summary>One character image read from a class folder: where it came from, its label (the folder name) and its file bytes.</summary>
public sealed record LabelledImage(string Path, string Label, byte[] Bytes);
