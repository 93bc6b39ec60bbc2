using OpenCvSharp;

namespace Plates.Consume.Localisation;

/// <summary>A region of a photo that looks like a plate: where it is (rotated box in photo pixels), its colour, and how plate-like it scored (0..1).</summary>
public readonly record struct PlateCandidate(RotatedRect Box, PlateColor Color, double Score);
