namespace Plates.Consume.Characters;

/// <summary>The rows of a plate image that hold its characters, inclusive at both ends.</summary>
public readonly record struct CharacterBand(int Top, int Bottom)
{
    public int Height => Bottom - Top + 1;
}
