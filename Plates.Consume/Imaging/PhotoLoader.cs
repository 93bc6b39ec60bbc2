using OpenCvSharp;
using Plates.Model.IO;

namespace Plates.Consume.Imaging;

/// <summary>
/// Turns files, streams, bytes and Mats of any common kind (grey, 16-bit, with alpha) into the 8-bit BGR photo the
/// stages expect, refusing what cannot be a photo with a message that names the problem. Sizes are checked from the
/// header before anything is decoded, and no more bytes are read than an image within the pixel limit can take.
/// </summary>
public static class PhotoLoader
{
    /// <summary>
    /// No encoding the decoder reads stores a pixel in more than this many bytes: four channels of 32-bit floats
    /// uncompressed (TIFF, PFM). Compressed formats take far fewer, a phone JPEG's appended MPF images included.
    /// </summary>
    public const int MaxBytesPerPixel = 16;

    /// <summary>Bytes allowed beyond the pixels' worst case for headers, EXIF, ICC profiles, XMP and thumbnails.</summary>
    public const long MetadataAllowance = 16L << 20;

    private static readonly byte[] s_endOfImage = [0xFF, 0xD9];

    /// <summary>The bytes read before deciding a stream is no image: every signature and most headers fit in it.</summary>
    private const int FirstRead = 64 << 10;

    /// <summary>The most bytes an encoding of <paramref name="pixels"/> pixels can take (<see cref="MaxBytesPerPixel"/> each, plus <see cref="MetadataAllowance"/>).</summary>
    public static long MaxEncodedBytes(long pixels) =>
        Math.Min(Array.MaxLength - 1L, pixels > Array.MaxLength / MaxBytesPerPixel ? long.MaxValue : pixels * MaxBytesPerPixel + MetadataAllowance);

    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty, not an image, truncated, longer than an image within the pixel limit can be, or over the pixel limit; the message names the file.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static Mat Load(string path, long maxPixels)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: file not found.", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        return Load(stream, path, maxPixels);
    }

    /// <summary>
    /// Reads an encoded image from <paramref name="stream"/> (a file, standard input, a request body) and decodes it.
    /// Reading stops as soon as the bytes show no image the decoder reads, or more than an image of the size its
    /// header gives can take, so an endless stream costs a bounded read.
    /// </summary>
    /// <param name="name">The file or source named in error messages.</param>
    /// <exception cref="InvalidDataException">As for <see cref="Load(string, long)"/>; the message names <paramref name="name"/>.</exception>
    /// <exception cref="IOException">The stream could not be read.</exception>
    public static Mat Load(Stream stream, string name, long maxPixels)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            var (bytes, length) = ReadEncoded(stream, maxPixels);
            return Decode(bytes.AsSpan(0, length), maxPixels);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{name}: {e.Message}", e);
        }
    }

    /// <exception cref="InvalidDataException">The bytes are empty, not an image, truncated or over the pixel limit.</exception>
    public static Mat Decode(byte[] bytes, long maxPixels)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Decode(bytes.AsSpan(), maxPixels);
    }

    private static Mat Decode(ReadOnlySpan<byte> bytes, long maxPixels)
    {
        if (bytes.Length == 0)
            throw new InvalidDataException("the file is empty (0 bytes).");
        var header = CheckHeader(ImageHeader.Read(bytes), maxPixels, atEnd: true);

        // AnyDepth keeps 16-bit samples for ToBgr8 to scale; unlike Unchanged it still applies the EXIF orientation,
        // so a phone photo stored sideways is read upright.
        Mat decoded = ImDecode(bytes);
        // A JPEG whose data stops before its end marker (a camera's file cut short): libjpeg reading a file pads the
        // end and decodes what is there with a warning, decoding from memory gives up; the marker put back, it reads.
        if (decoded.Empty() && header.Format == ImageFormat.Jpeg && !bytes.EndsWith(s_endOfImage))
        {
            decoded.Dispose();
            decoded = ImDecode([.. bytes, .. s_endOfImage]);
        }
        if (decoded.Empty())
        {
            decoded.Dispose();
            throw new InvalidDataException($"not a decodable image (a {ImageHeader.Name(header.Format)} file that is corrupt or truncated).");
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

    private static Mat ImDecode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return Cv2.ImDecode(bytes, ImreadModes.AnyDepth | ImreadModes.AnyColor);
        }
        catch (OpenCVException e)
        {
            // OpenCV's own limits (CV_IO_MAX_IMAGE_PIXELS, a header it finds broken) come as its raw exception.
            throw new InvalidDataException($"the decoder refused it: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads the stream to its end into an array (the image is in its first returned-length bytes), refusing it as
    /// soon as its first bytes show no image, or its length more than <see cref="MaxEncodedBytes"/> of its size.
    /// </summary>
    private static (byte[] Bytes, int Length) ReadEncoded(Stream stream, long maxPixels)
    {
        long limit = MaxEncodedBytes(maxPixels);
        long? known = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : null;
        if (known > limit)
            throw new InvalidDataException($"the file is {Megabytes(known.Value)}, more than an image of at most {maxPixels / 1e6:0.###} megapixels can take ({Megabytes(limit)}).");

        // A file's known length is read into one array (one byte more shows it grew); a stream's array grows as it goes.
        var bytes = new byte[known is long k ? k + 1 : FirstRead];
        int length = 0;
        bool sized = false;
        while (length <= limit)
        {
            if (length == bytes.Length) Array.Resize(ref bytes, (int)Math.Min(Math.Max(2L * length, FirstRead), limit + 1));
            // Until the header gives the size, the read doubles from 64 KiB, so a file far longer than its size
            // allows is refused unread, and the header is parsed a few times only.
            int want = sized ? bytes.Length - length : (int)Math.Min(bytes.Length - length, Math.Max(FirstRead, length));
            int read = stream.Read(bytes, length, want);
            if (read == 0) return (bytes, length);
            length += read;
            if (sized || length < ImageHeader.SignatureLength) continue;
            var header = CheckHeader(ImageHeader.Read(bytes.AsSpan(0, length)), maxPixels, atEnd: false);
            if (header.Outcome != HeaderOutcome.Size) continue;
            sized = true;
            limit = Math.Min(limit, MaxEncodedBytes(header.Width * header.Height));
            if (known > limit)
                throw new InvalidDataException($"the file is {Megabytes(known.Value)}, more than a {header.Width}×{header.Height} image can take ({Megabytes(limit)}).");
        }
        throw new InvalidDataException(sized
            ? $"the data goes on past {Megabytes(limit)}, more than an image of the size its header gives can take."
            : $"no image size within its first {Megabytes(limit)}.");
    }

    /// <summary>Refuses what the header shows cannot be decoded or is too large; an incomplete header only once the data has ended.</summary>
    private static ImageHeaderInfo CheckHeader(ImageHeaderInfo header, long maxPixels, bool atEnd)
    {
        string format = ImageHeader.Name(header.Format);
        switch (header.Outcome)
        {
            case HeaderOutcome.Size:
                CheckSize(header.Width, header.Height, maxPixels);
                break;
            case HeaderOutcome.UnknownFormat:
                throw new InvalidDataException("not an image: its first bytes match none of the formats the decoder reads (JPEG, PNG, BMP, TIFF, WebP, GIF, PBM/PGM/PPM/PAM, PFM, JPEG 2000, Radiance HDR, Sun raster).");
            case HeaderOutcome.Unsupported:
                throw new InvalidDataException($"a {format} image, which the decoder does not read; convert it to JPEG or PNG.");
            case HeaderOutcome.Malformed:
                throw new InvalidDataException($"a {format} file whose header gives no image size (corrupt).");
            case HeaderOutcome.Incomplete when atEnd:
                throw new InvalidDataException($"a {format} file that ends inside its header (truncated).");
        }
        return header;
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

    /// <summary>The guard clause of the library's Mat entry points: a Mat over the pixel limit is refused as a file would be.</summary>
    /// <exception cref="ArgumentException">The image has more than <paramref name="maxPixels"/> pixels.</exception>
    public static void ThrowIfOverLimit(Mat image, long maxPixels, string paramName)
    {
        ArgumentNullException.ThrowIfNull(image);
        if ((long)image.Width * image.Height > maxPixels)
            throw new ArgumentException($"The image is {image.Width}×{image.Height} = {(long)image.Width * image.Height / 1e6:F1} megapixels, over RecogniserOptions.MaxPixels ({maxPixels / 1e6:0.###} megapixels).", paramName);
    }

    private static void CheckSize(long width, long height, long maxPixels)
    {
        if (width <= 0 || height <= 0)
            throw new InvalidDataException($"the image header gives an impossible size {width}×{height}.");
        if (width > maxPixels || height > maxPixels || width * height > maxPixels)
            throw new InvalidDataException($"the image is {width}×{height} = {(double)width * height / 1e6:F1} megapixels, over the limit of {maxPixels / 1e6:0.###} megapixels.");
    }

    private static string Megabytes(long bytes) => $"{bytes / 1e6:0.#} MB";
}
