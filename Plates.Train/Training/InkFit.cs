using OpenCvSharp;
using Plates.Consume.Segmentation;

namespace Plates.Train.Training;

/// <summary>
/// Fits a character's ink into the model's square as the segmenter's cutter does (<c>CharacterImageCutter</c>): the
/// tight box of the ink, scaled so that its larger side fills the square, centred on black.
/// </summary>
public static class InkFit
{
    /// <summary>
    /// Pixels above this count as ink when the tight box is found: an altered copy's background is lifted a little
    /// by its contrast change (<see cref="CharacterAugmenter.Alter"/>: up to 13), which is not ink.
    /// </summary>
    public const byte InkAbove = 64;

    /// <summary>The ink of <paramref name="image"/> (single channel, white on black) fitted into a <paramref name="side"/>² square, as row-major bytes; null when it has no ink.</summary>
    public static byte[]? ToSquare(Mat image, int side)
    {
        ArgumentNullException.ThrowIfNull(image);
        Rect ink = Box(image);
        if (ink.Width == 0 || ink.Height == 0) return null;
        using var tight = new Mat(image, ink);
        return CharacterImageCutter.FitToSquare(tight, side);
    }

    /// <summary>The tight box of the pixels above <see cref="InkAbove"/>; empty when there are none.</summary>
    public static Rect Box(Mat image)
    {
        using var mask = new Mat();
        Cv2.Threshold(image, mask, InkAbove, 255, ThresholdTypes.Binary);
        return Cv2.BoundingRect(mask);
    }
}
