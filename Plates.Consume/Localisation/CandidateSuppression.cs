using Plates.Consume.Imaging;

namespace Plates.Consume.Localisation;

/// <summary>Non-maximum suppression of scored candidates: one plate found by several proposals is reported once.</summary>
public static class CandidateSuppression
{
    /// <summary>
    /// Keeps the best-scoring of every group of overlapping candidates, best first. Greedy non-maximum suppression with
    /// intersection-over-smaller so that a plate box nested in a looser box of the same plate is suppressed too.
    /// </summary>
    public static IReadOnlyList<PlateCandidate> Suppress(IEnumerable<PlateCandidate> candidates, double overlap, int maxCount)
    {
        var kept = new List<PlateCandidate>();
        foreach (var c in candidates.OrderByDescending(c => c.Score))
        {
            if (kept.Count >= maxCount)
            {
                break;
            }

            if (kept.All(k => RotatedBoxes.OverlapOfSmaller(k.Box, c.Box) < overlap))
            {
                kept.Add(c);
            }
        }

        return kept;
    }

    /// <summary>
    /// Like <see cref="Suppress"/>, but each kept candidate comes with the candidates it suppressed (best first, at
    /// most <paramref name="perGroup"/> in all, the kept one first). Boxes of one plate differ by a few pixels of
    /// margin, a frame or a neighbouring badge, and the plate score cannot tell which of them cuts the characters
    /// best; a caller that can read the extracts judges them on what matters.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<PlateCandidate>> SuppressGrouped(
        IEnumerable<PlateCandidate> candidates, double overlap, int maxCount, int perGroup)
    {
        var groups = new List<List<PlateCandidate>>();
        foreach (var c in candidates.OrderByDescending(c => c.Score))
        {
            var owner = groups.FirstOrDefault(g => RotatedBoxes.OverlapOfSmaller(g[0].Box, c.Box) >= overlap);
            if (owner is null)
            {
                if (groups.Count < maxCount)
                {
                    groups.Add([c]);
                }
            }
            else if (owner.Count < perGroup)
            {
                owner.Add(c);
            }
        }

        return groups;
    }
}
