using OpenCvSharp;
using Plates.Model.Features;
using Plates.Train.Data;

namespace Plates.Train.Training;

/// <summary>
/// Makes extra training images by small random rotations, scalings and shifts, the kind of variation a segmenter's
/// cuts show. Rare classes are topped up to a minimum count so the model sees them as often as the rest.
/// </summary>
public static class CharacterAugmenter
{
    /// <param name="minimumPerClass">Each class is topped up with altered copies until it has at least this many images.</param>
    /// <param name="copiesPerImage">Altered copies added for every image, on top of the top-up.</param>
    /// <param name="lowResolutionShare">
    /// The share of the altered copies that are also re-imaged as a small, soft camera view (<see cref="LowResolutionCopy"/>);
    /// 0 leaves every copy as before and draws no extra random numbers.
    /// </param>
    /// <param name="offsetCutShare">The share of the altered copies that are also cut off their ink (<see cref="OffsetCutCopy"/>); 0 as <paramref name="lowResolutionShare"/>.</param>
    public static IReadOnlyList<LabelledImage> Augment(IReadOnlyList<LabelledImage> train, int minimumPerClass, int copiesPerImage, int seed, double lowResolutionShare = 0, double offsetCutShare = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offsetCutShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offsetCutShare, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(lowResolutionShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lowResolutionShare, 1);
        var random = new Random(seed);
        var result = new List<LabelledImage>(train);
        foreach (var group in train.GroupBy(i => i.Label).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            int wanted = Math.Max(0, minimumPerClass - members.Length) + members.Length * copiesPerImage;
            for (int k = 0; k < wanted; k++)
            {
                var source = members[k % members.Length];
                byte[] altered = Alter(source.Bytes, random);
                if (lowResolutionShare > 0 && random.NextDouble() < lowResolutionShare)
                    altered = Encode(LowResolutionCopy.Make(CharacterFeatures.DecodeToGrey(altered), random));
                if (offsetCutShare > 0 && random.NextDouble() < offsetCutShare)
                    altered = Encode(OffsetCutCopy.Make(CharacterFeatures.DecodeToGrey(altered), random));
                result.Add(source with { Path = $"{source.Path}#aug{k}", Bytes = altered });
            }
        }
        return result;
    }

    /// <summary>One random affine alteration of an encoded character image, returned as BMP bytes.</summary>
    public static byte[] Alter(byte[] encoded, Random random)
    {
        byte[] grey = CharacterFeatures.DecodeToGrey(encoded);
        using var source = Mat.FromPixelData(CharacterFeatures.Side, CharacterFeatures.Side, MatType.CV_8UC1, grey);
        double angle = (random.NextDouble() * 2 - 1) * 8;
        double scale = 0.9 + random.NextDouble() * 0.2;
        var centre = new Point2f(CharacterFeatures.Side / 2f + (float)(random.NextDouble() * 2 - 1),
                                 CharacterFeatures.Side / 2f + (float)(random.NextDouble() * 2 - 1));
        using Mat rotation = Cv2.GetRotationMatrix2D(centre, angle, scale);
        using var warped = new Mat();
        Cv2.WarpAffine(source, warped, rotation, source.Size(), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));

        // Blur and a contrast change stand in for the thinner, thicker or softer strokes a segmenter's binarisation gives.
        using var altered = new Mat();
        double sigma = random.NextDouble() * 0.8;
        if (sigma > 0.3) Cv2.GaussianBlur(warped, altered, new Size(3, 3), sigma);
        else warped.CopyTo(altered);
        double gain = 0.8 + random.NextDouble() * 0.5;
        altered.ConvertTo(altered, MatType.CV_8U, gain, (1 - gain) * 64);
        Cv2.ImEncode(".bmp", altered, out byte[] bytes);
        return bytes;
    }

    private static byte[] Encode(byte[] grey)
    {
        using var image = Mat.FromPixelData(CharacterFeatures.Side, CharacterFeatures.Side, MatType.CV_8UC1, grey);
        Cv2.ImEncode(".bmp", image, out byte[] bytes);
        return bytes;
    }
}
