using OpenCvSharp;
using Plates.Consume.Segmentation;
using Plates.Model.Features;

namespace Plates.Train.Training;

/// <summary>How <see cref="LowResolutionCopy"/> re-images a character: the ranges its random draws come from.</summary>
public sealed record LowResolutionOptions
{
    /// <summary>
    /// The side, in pixels, the character is shrunk to (area-averaged), drawn uniformly from this range: a plate read
    /// from far away or through a small crop has a Chinese character 7–14 pixels tall, where close strokes of a detailed
    /// character (浙, 湘, 皖) average into one grey patch.
    /// </summary>
    public (int Min, int Max) Side { get; init; } = (9, 16);

    /// <summary>Gaussian blur (sigma, in pixels of the shrunk image) drawn from this range: focus and motion soften it further.</summary>
    public (double Min, double Max) Blur { get; init; } = (0, 0.6);

    /// <summary>
    /// The largest share of the square the re-binarised character may call ink, drawn from this range; the segmenter's
    /// level for a Chinese character leaves at most 0.55 of its box (0.45 for its stricter view), and a blurred
    /// character takes all the ink that cap allows, which turns its strokes into a solid blob.
    /// </summary>
    public (double Min, double Max) InkShare { get; init; } = (0.3, 0.5);

    /// <summary>The side the grey image is thresholded at (enlarged from the shrunk one), as the segmenter thresholds a plate larger than 20 pixels.</summary>
    public int ThresholdSide { get; init; } = 40;
}

/// <summary>
/// A character as a camera that saw it small and soft would give it to the models: shrunk, blurred, enlarged again,
/// binarised the way <c>CharacterImageCutter</c> binarises a Chinese character (Otsu's level, raised until at most a
/// set share of the square is ink), cut to the tight box of its ink and fitted into the 20×20 square. The training
/// chars are sharp with separate strokes, while the misread Chinese characters of the crops were blobs whose strokes
/// had merged (README, "Training on more than chars").
/// </summary>
public static class LowResolutionCopy
{
    /// <summary>One such copy of a 20×20 grey character (white on black), as 20×20 grey bytes.</summary>
    public static byte[] Make(byte[] grey, Random random, LowResolutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(random);
        options ??= new LowResolutionOptions();
        int side = CharacterFeatures.Side;
        if (grey.Length != side * side)
            throw new ArgumentException($"Expected {side}×{side} grey pixels, got {grey.Length} bytes.", nameof(grey));

        int small = random.Next(options.Side.Min, options.Side.Max + 1);
        double sigma = options.Blur.Min + random.NextDouble() * (options.Blur.Max - options.Blur.Min);
        double inkShare = options.InkShare.Min + random.NextDouble() * (options.InkShare.Max - options.InkShare.Min);

        using var source = Mat.FromPixelData(side, side, MatType.CV_8UC1, grey);
        using var shrunk = new Mat();
        Cv2.Resize(source, shrunk, new Size(small, small), 0, 0, InterpolationFlags.Area);
        using var softened = new Mat();
        if (sigma > 0.05) Cv2.GaussianBlur(shrunk, softened, new Size(0, 0), sigma);
        else shrunk.CopyTo(softened);
        using var enlarged = new Mat();
        Cv2.Resize(softened, enlarged, new Size(options.ThresholdSide, options.ThresholdSide), 0, 0, InterpolationFlags.Linear);

        using var binary = new Mat();
        double otsu = Cv2.Threshold(enlarged, binary, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        double capped = CharacterImageCutter.LevelLeavingAtMost(enlarged, inkShare);
        if (capped > otsu) Cv2.Threshold(enlarged, binary, capped, 255, ThresholdTypes.Binary);

        return InkFit.ToSquare(binary, side) ?? (byte[])grey.Clone();
    }
}
