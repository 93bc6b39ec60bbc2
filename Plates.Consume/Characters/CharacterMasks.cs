using OpenCvSharp;
using Plates.Consume.Colour;

namespace Plates.Consume.Characters;

/// <summary>Binary masks, 255 on character strokes, of an upright plate patch: what the locator counts and the deskewer measures.</summary>
public static class CharacterMasks
{
    /// <summary>
    /// Binary mask, 255 on character strokes, with the plate frame removed. Otsu separates strokes from background.
    /// The colour could tell which side is the strokes, but washed-out plates are often misclassified, so bright and
    /// dark strokes (and, where grey is inconclusive, white strokes in the channel minimum) are all tried and the
    /// mask showing the most characters wins; a patch half in shadow is also thresholded locally.
    /// </summary>
    /// <param name="bgrPatch">Upright plate patch.</param>
    /// <param name="colour">Plate colour if known; only breaks ties between the polarities.</param>
    /// <param name="options">Thresholds and the characters counted.</param>
    /// <param name="characterBlobs">Characters found in the returned mask (<see cref="CharacterBoxes.Count"/>).</param>
    /// <param name="thorough">
    /// Also try the channel minimum when grey shows no character at all: worth it for a patch already known to be a
    /// plate, not for the many proposals that are not.
    /// </param>
    public static Mat CharacterMask(Mat bgrPatch, PlateColor colour, CharacterMaskOptions options, out int characterBlobs, bool thorough = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var gray = new Mat();
        Cv2.CvtColor(bgrPatch, gray, ColorConversionCodes.BGR2GRAY);
        var bright = Binarise(gray, ThresholdTypes.Binary, options);
        using var dark = Binarise(gray, ThresholdTypes.BinaryInv, options);
        FrameRemoval.ClearFrameLines(bright, options);
        FrameRemoval.ClearFrameLines(dark, options);
        int brightCount = CharacterBoxes.Count(bright, options.Boxes);
        int darkCount = CharacterBoxes.Count(dark, options.Boxes);

        // White strokes are bright in every channel while any plate colour is dark in at least one, so the per-pixel
        // minimum separates them on teal or washed-out plates whose grey level matches the strokes'. Not needed when
        // grey already shows a full row, nor when grey shows nothing character-like at all (flat or cluttered patches).
        int greyBest = Math.Max(brightCount, darkCount);
        if (greyBest < options.FullRow && (thorough || greyBest >= 1))
        {
            using var lowest = new Mat();
            using var channel = new Mat();
            Cv2.ExtractChannel(bgrPatch, lowest, 0);
            for (int c = 1; c < 3; c++)
            {
                Cv2.ExtractChannel(bgrPatch, channel, c);
                Cv2.Min(lowest, channel, lowest);
            }

            using var white = Binarise(lowest, ThresholdTypes.Binary, options);
            FrameRemoval.ClearFrameLines(white, options);
            int whiteCount = CharacterBoxes.Count(white, options.Boxes);
            if (whiteCount > brightCount)
            {
                white.CopyTo(bright);
                brightCount = whiteCount;
            }
        }

        // A shadow across the plate: Otsu over grey splits lit from shaded, and the shaded half of the row is one blob.
        // Each stroke against its own neighbourhood (LocalDarkStrokes) still shows the dark characters; taken only
        // where it shows a full row (without that, one more false detection on the scenes). For the locator's check alone, not the
        // thorough search of a patch known to be a plate: there it moved a scene plate's borders (measured: the
        // scenes' exact count fell by one; the locator's check alone finds the kinds photos' half-shaded learner plate
        // and leaves the scenes as they were).
        if (options.ThresholdShadedLocally && Math.Max(brightCount, darkCount) < options.FullRow && !thorough && greyBest >= 1
            && ShadowStep(gray) >= options.ShadowStep)
        {
            using var local = LocalDarkStrokes(bgrPatch, options);
            int localCount = CharacterBoxes.Count(local, options.Boxes);
            if (localCount > darkCount && localCount >= options.FullRow)
            {
                local.CopyTo(dark);
                darkCount = localCount;
            }
        }

        bool preferDark = PlateColours.HasDarkCharacters(colour);
        bool useDark = darkCount > brightCount || (darkCount == brightCount && preferDark);
        characterBlobs = useDark ? darkCount : brightCount;
        if (useDark)
        {
            dark.CopyTo(bright);
        }

        return bright;
    }

    /// <summary>
    /// How much brighter one half of a grey patch is than the other, top against bottom or left against right, whichever
    /// differs more: a shadow's edge across a plate makes one half much darker, while a lit plate's halves hold alike
    /// shares of strokes and background.
    /// </summary>
    public static double ShadowStep(Mat gray)
    {
        ArgumentNullException.ThrowIfNull(gray);
        int w = gray.Cols, h = gray.Rows;
        if (w < 2 || h < 2) return 0;
        double Mean(Rect r)
        {
            using var part = new Mat(gray, r);
            return Cv2.Mean(part).Val0;
        }
        double vertical = Math.Abs(Mean(new Rect(0, 0, w, h / 2)) - Mean(new Rect(0, h - h / 2, w, h / 2)));
        double horizontal = Math.Abs(Mean(new Rect(0, 0, w / 2, h)) - Mean(new Rect(w - w / 2, 0, w / 2, h)));
        return Math.Max(vertical, horizontal);
    }

    /// <summary>
    /// Binary mask, 255 on dark strokes, from a threshold against the local mean over about half the patch height,
    /// with the frame removed. Otsu over a loose box can split the plate from what surrounds it rather than strokes
    /// from plate (a yellow two-row plate on a white bus, between lamps); the local threshold compares each stroke
    /// with its own plate background.
    /// </summary>
    public static Mat LocalDarkStrokes(Mat bgrPatch, CharacterMaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var gray = new Mat();
        Cv2.CvtColor(bgrPatch, gray, ColorConversionCodes.BGR2GRAY);
        int block = Math.Max(3, (int)(gray.Rows * options.LocalBlock)) | 1;
        var mask = new Mat();
        Cv2.AdaptiveThreshold(gray, mask, 255, AdaptiveThresholdTypes.MeanC, ThresholdTypes.BinaryInv, block, options.LocalContrast);
        FrameRemoval.ClearFrameLines(mask, options);
        return mask;
    }

    /// <summary>Otsu binarisation with the threshold taken from the central band only (<see cref="CharacterMaskOptions.OtsuBandLeft"/>).</summary>
    public static Mat Binarise(Mat singleChannel, ThresholdTypes type, CharacterMaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int cols = singleChannel.Cols, rows = singleChannel.Rows;
        var band = new Rect((int)(cols * options.OtsuBandLeft), (int)(rows * options.OtsuBandTop), (int)(cols * options.OtsuBandWidth), (int)(rows * options.OtsuBandHeight));
        double threshold;
        using (var central = new Mat(singleChannel, band))
        using (var ignored = new Mat())
        {
            threshold = Cv2.Threshold(central, ignored, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        }

        var binary = new Mat();
        Cv2.Threshold(singleChannel, binary, threshold, 255, type);
        return binary;
    }
}
