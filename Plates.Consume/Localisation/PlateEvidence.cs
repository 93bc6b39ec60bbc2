namespace Plates.Consume.Localisation;

/// <summary>What an upright patch shows that makes it look like a plate or not.</summary>
/// <param name="Colour">Background colour class of the patch.</param>
/// <param name="ColourFraction">Fraction of the patch in that colour's strict range.</param>
/// <param name="CharacterBlobs">Connected components of character size and position, on one line.</param>
/// <param name="Transitions">Mean foreground/background changes along the middle rows.</param>
public readonly record struct PlateEvidence(PlateColor Colour, double ColourFraction, int CharacterBlobs, double Transitions);
