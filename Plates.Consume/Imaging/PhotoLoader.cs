using OpenCvSharp;
using Plates.Model.IO;

namespace Plates.Consume.Imaging;

/// <summary>
/// Turns files, bytes and Mats of any common kind (grey, 16-bit, with alpha) into the 8-bit BGR photo the stages
/// expect, refusing what cannot be a photo with a message that names the problem.
/// </summary>
public static class PhotoLoader
{
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty, not an image, truncated or over the pixel limit; the message names the file.</exception>
    public static Mat Load(string path, long maxPixels)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: file not found.", path);
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            return Decode(bytes, maxPixels);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <exception cref="InvalidDataException">The bytes are empty, not an image, truncated or over the pixel limit.</exception>
    public static Mat Decode(byte[] bytes, long maxPixels)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
            throw new InvalidDataException("the file is empty (0 bytes).");
        if (ImageHeader.TryReadSize(bytes, out int width, out int height))
            CheckSize(width, height, maxPixels);

        // AnyDepth keeps 16-bit samples for ToBgr8 to scale; unlike Unchanged it still applies the EXIF orientation,
        // so a phone photo stored sideways is read upright.
        Mat decoded = Cv2.ImDecode(bytes, ImreadModes.AnyDepth | ImreadModes.AnyColor);
        if (decoded.Empty())
        {
            decoded.Dispose();
            throw new InvalidDataException("not a decodable image (corrupt, truncated or an unsupported format).");
        }
        try
        {
            CheckSize(decoded.Width, decoded.Height, maxPixels);
            return ToBgr8(decoded);
        }
        finally
        {
            decoded.Dispose();
        }
    }

    /// <summary>Returns a new 8-bit, 3-channel BGR copy of any 1-, 3- or 4-channel image of 8 or 16 bits.</summary>
    /// <exception cref="InvalidDataException">The image has a depth or channel count a photo cannot have.</exception>
    public static Mat ToBgr8(Mat image)
    {
        using var eightBit = new Mat();
        if (image.Depth() == MatType.CV_8U) image.CopyTo(eightBit);
        else if (image.Depth() == MatType.CV_16U) image.ConvertTo(eightBit, MatType.CV_8U, 1.0 / 257);
        else if (image.Depth() == MatType.CV_32F) image.ConvertTo(eightBit, MatType.CV_8U, 255);
        else throw new InvalidDataException($"unsupported pixel depth {image.Depth()}.");

        var bgr = new Mat();
        switch (eightBit.Channels())
        {
            case 1: Cv2.CvtColor(eightBit, bgr, ColorConversionCodes.GRAY2BGR); break;
            case 3: eightBit.CopyTo(bgr); break;
            case 4: Cv2.CvtColor(eightBit, bgr, ColorConversionCodes.BGRA2BGR); break;
            default:
                bgr.Dispose();
                throw new InvalidDataException($"unsupported channel count {eightBit.Channels()}.");
        }
        return bgr;
    }

    private static void CheckSize(int width, int height, long maxPixels)
    {
        if (width <= 0 || height <= 0)
            throw new InvalidDataException($"the image header gives an impossible size {width}×{height}.");
        if ((long)width * height > maxPixels)
            throw new InvalidDataException($"the image is {width}×{height} = {(long)width * height / 1e6:F1} megapixels, over the limit of {maxPixels / 1e6:0.###} megapixels.");
    }
}
