using OpenCvSharp;

namespace Plates.Consume.Segmentation;

/// <summary>
/// A plate image thresholded (<see cref="PlateBinariser.Binarise(Mat, PlateColor, out Mat, out PlateColor)"/>): the binary
/// image, the channel it was thresholded from and the colour that channel was made for. Owns both images. The segmenter
/// keeps one per shear it applies and reuses it where a shear of 0 leaves the image as it was.
/// </summary>
internal sealed class ThresholdedPlate : IDisposable
{
    private ThresholdedPlate(Mat binary, Mat channel, PlateColor settled)
    {
        Binary = binary;
        Channel = channel;
        Settled = settled;
    }

    public Mat Binary { get; }

    public Mat Channel { get; }

    public PlateColor Settled { get; }

    public static ThresholdedPlate Of(PlateBinariser binariser, Mat plateBgr, PlateColor color)
    {
        var binary = binariser.Binarise(plateBgr, color, out var channel, out var settled);
        return new ThresholdedPlate(binary, channel, settled);
    }

    public void Dispose()
    {
        Binary.Dispose();
        Channel.Dispose();
    }
}
