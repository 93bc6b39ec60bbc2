using OpenCvSharp;

namespace Plates.Consume.Imaging;

/// <summary>
/// Where a grey image has strong vertical edges: the sides of character strokes, which both the locator's edge search
/// and the shear measurement look for. Sobel-x keeps vertical edges and drops the horizontal bumper, window and frame
/// lines; Otsu on its magnitude says which edges are strong.
/// </summary>
public static class VerticalEdges
{
    /// <summary>Binary mask (255 on strong vertical edges) of a single-channel 8-bit image; the caller disposes it.</summary>
    public static Mat Find(Mat gray)
    {
        using var sobel = new Mat();
        Cv2.Sobel(gray, sobel, MatType.CV_16S, 1, 0, 3);
        using var magnitude = new Mat();
        Cv2.ConvertScaleAbs(sobel, magnitude);
        var edges = new Mat();
        Cv2.Threshold(magnitude, edges, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        return edges;
    }
}
