using System.Text;

namespace Plates.Model.Data;

/// <summary>
/// The fixed part of a set of labelled plate images that is never used for training: decided by the file name alone
/// (a stable hash, not a seeded shuffle), so that the trainer that harvests characters from a set and the evaluation
/// that scores the recogniser on it agree on every image without sharing a list, whatever else the folder holds.
/// </summary>
public static class HeldOutSplit
{
    /// <summary>Share of each set held out: half, so that the held-out part is as large as the part learnt from.</summary>
    public const double Share = 0.5;

    /// <summary>Whether the image of this file name (path or name; only the name counts) is held out of training.</summary>
    public static bool IsHeldOut(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // FNV-1a over the UTF-8 name: the same on every machine and runtime (string.GetHashCode is randomised per process).
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(Path.GetFileName(path)))
        {
            hash ^= b;
            hash *= 16777619;
        }
        return hash % 1000 < Share * 1000;
    }
}
