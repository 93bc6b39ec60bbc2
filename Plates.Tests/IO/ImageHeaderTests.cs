using System.Buffers.Binary;
using OpenCvSharp;
using Plates.Model.IO;

namespace Plates.Tests.IO;

/// <summary>Sizes read from headers of images OpenCV encoded, whose size is known.</summary>
[TestClass]
public sealed class ImageHeaderTests
{
    [TestMethod]
    [DataRow(".png", 321, 123)]
    [DataRow(".jpg", 321, 123)]
    [DataRow(".bmp", 321, 123)]
    [DataRow(".png", 1, 4000)]
    [DataRow(".jpg", 2000, 7)]
    [DataRow(".bmp", 17, 9)]
    public void TryReadSize_EncodedImage_ReturnsItsWidthAndHeight(string extension, int width, int height)
    {
        using var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(30, 60, 90));
        Cv2.Line(image, new Point(0, 0), new Point(width - 1, height - 1), Scalar.All(255), 1);
        Cv2.ImEncode(extension, image, out byte[] encoded);

        bool read = ImageHeader.TryReadSize(encoded, out int readWidth, out int readHeight);

        Assert.IsTrue(read);
        Assert.AreEqual(width, readWidth);
        Assert.AreEqual(height, readHeight);
    }

    [TestMethod]
    [DataRow(".png")]
    [DataRow(".jpg")]
    [DataRow(".bmp")]
    public void TryReadSize_GreyImage_ReturnsItsWidthAndHeight(string extension)
    {
        using var image = new Mat(50, 80, MatType.CV_8UC1, Scalar.All(200));
        Cv2.ImEncode(extension, image, out byte[] encoded);

        Assert.IsTrue(ImageHeader.TryReadSize(encoded, out int width, out int height));
        Assert.AreEqual((80, 50), (width, height));
    }

    [TestMethod]
    public void TryReadSize_ProgressiveJpeg_ReturnsItsWidthAndHeight()
    {
        using var image = new Mat(90, 160, MatType.CV_8UC3, new Scalar(10, 200, 30));
        Cv2.ImEncode(".jpg", image, out byte[] encoded, new ImageEncodingParam(ImwriteFlags.JpegProgressive, 1));

        Assert.IsTrue(ImageHeader.TryReadSize(encoded, out int width, out int height));
        Assert.AreEqual((160, 90), (width, height));
    }

    [TestMethod]
    public void TryReadSize_RealSceneJpeg_MatchesTheDecodedSize()
    {
        string path = Recognition.RecognitionData.RequireScene("粤TD1291");
        byte[] bytes = File.ReadAllBytes(path);
        using var decoded = Cv2.ImDecode(bytes, ImreadModes.Color);

        Assert.IsTrue(ImageHeader.TryReadSize(bytes, out int width, out int height));
        Assert.AreEqual((decoded.Width, decoded.Height), (width, height));
    }

    [TestMethod]
    public void TryReadSize_TextAndShortHeaders_ReturnFalse()
    {
        using var image = new Mat(20, 30, MatType.CV_8UC3, Scalar.All(0));
        Cv2.ImEncode(".png", image, out byte[] png);
        Cv2.ImEncode(".jpg", image, out byte[] jpeg);

        Assert.IsFalse(ImageHeader.TryReadSize([], out _, out _));
        Assert.IsFalse(ImageHeader.TryReadSize("A shopping list, not an image at all"u8, out _, out _));
        Assert.IsFalse(ImageHeader.TryReadSize(png.AsSpan(0, 20), out _, out _));
        Assert.IsFalse(ImageHeader.TryReadSize(jpeg.AsSpan(0, 20), out _, out _));
    }

    /// <summary>Every format OpenCV's decoder reads here, as its encoder writes it, gives its size from the header.</summary>
    [TestMethod]
    [DataRow(".tif", ImageFormat.Tiff)]
    [DataRow(".webp", ImageFormat.WebP)]
    [DataRow(".gif", ImageFormat.Gif)]
    [DataRow(".pbm", ImageFormat.Pnm)]
    [DataRow(".pgm", ImageFormat.Pnm)]
    [DataRow(".ppm", ImageFormat.Pnm)]
    [DataRow(".pam", ImageFormat.Pnm)]
    [DataRow(".pfm", ImageFormat.Pfm)]
    [DataRow(".jp2", ImageFormat.Jpeg2000)]
    [DataRow(".hdr", ImageFormat.Radiance)]
    [DataRow(".sr", ImageFormat.SunRaster)]
    public void Read_EveryOtherDecoderFormat_GivesTheFormatAndSize(string extension, ImageFormat format)
    {
        byte[] encoded = Encoded(extension, 321, 123);

        var header = ImageHeader.Read(encoded);

        Assert.AreEqual(new ImageHeaderInfo(HeaderOutcome.Size, format, 321, 123), header);
        using var decoded = Cv2.ImDecode(encoded, ImreadModes.AnyDepth | ImreadModes.AnyColor);
        Assert.AreEqual((321, 123), (decoded.Width, decoded.Height), "the decoder reads the same size");
    }

    [TestMethod]
    public void Read_LossyWebP_GivesItsSize()
    {
        using var image = new Mat(77, 203, MatType.CV_8UC3, new Scalar(30, 60, 90));
        Cv2.ImEncode(".webp", image, out byte[] lossy, new ImageEncodingParam(ImwriteFlags.WebPQuality, 80));

        Assert.IsTrue(lossy.AsSpan(12, 4).SequenceEqual("VP8 "u8), "a lossy WebP");
        Assert.AreEqual((203L, 77L), (ImageHeader.Read(lossy).Width, ImageHeader.Read(lossy).Height));
    }

    [TestMethod]
    public void Read_BigTiffAndJpeg2000Codestream_GiveTheirSizes()
    {
        // BigTIFF, little-endian: header 16 bytes, then a directory of two LONG8 entries (tags 256 and 257).
        var bigTiff = new byte[16 + 8 + 2 * 20 + 8];
        "II+\0"u8.CopyTo(bigTiff);
        BinaryPrimitives.WriteUInt16LittleEndian(bigTiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt64LittleEndian(bigTiff.AsSpan(8), 16);
        BinaryPrimitives.WriteUInt64LittleEndian(bigTiff.AsSpan(16), 2);
        for (int e = 0; e < 2; e++)
        {
            var entry = bigTiff.AsSpan(24 + e * 20);
            BinaryPrimitives.WriteUInt16LittleEndian(entry, (ushort)(256 + e));
            BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], 16);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[4..], 1);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[12..], e == 0 ? 5000UL : 3000UL);
        }
        // A bare JPEG 2000 codestream: SOC, SIZ with Xsiz 1100, Ysiz 900, offsets 100 and 0.
        byte[] codestream = [0xFF, 0x4F, 0xFF, 0x51, 0, 41, 0, 0, 0, 0, 0x04, 0x4C, 0, 0, 0x03, 0x84, 0, 0, 0, 100, 0, 0, 0, 0];

        Assert.AreEqual(new ImageHeaderInfo(HeaderOutcome.Size, ImageFormat.Tiff, 5000, 3000), ImageHeader.Read(bigTiff));
        Assert.AreEqual(new ImageHeaderInfo(HeaderOutcome.Size, ImageFormat.Jpeg2000, 1000, 900), ImageHeader.Read(codestream));
    }

    [TestMethod]
    public void Read_TiffWhoseDirectoryComesAfterTheBytesGiven_AsksForMore()
    {
        byte[] tiff = Encoded(".tif", 64, 48);
        uint directory = BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(4));

        Assert.AreEqual(HeaderOutcome.Incomplete, ImageHeader.Read(tiff.AsSpan(0, (int)directory)).Outcome);
        Assert.AreEqual(HeaderOutcome.Size, ImageHeader.Read(tiff).Outcome);
    }

    [TestMethod]
    [DataRow("heic", ImageFormat.Heif)]
    [DataRow("mif1", ImageFormat.Heif)]
    [DataRow("avif", ImageFormat.Avif)]
    public void Read_HeifAndAvif_AreKnownButUnsupported(string brand, ImageFormat format)
    {
        byte[] box = [0, 0, 0, 24, .. "ftyp"u8, .. System.Text.Encoding.ASCII.GetBytes(brand), 0, 0, 0, 0, .. "mif1heic"u8, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.AreEqual(new ImageHeaderInfo(HeaderOutcome.Unsupported, format, 0, 0), ImageHeader.Read(box));
    }

    [TestMethod]
    public void Read_OpenExrAndJpegXl_AreKnownButUnsupported()
    {
        byte[] exr = [0x76, 0x2F, 0x31, 0x01, 2, 0, 0, 0, .. new byte[24]];
        byte[] jxl = [0xFF, 0x0A, .. new byte[30]];

        Assert.AreEqual(HeaderOutcome.Unsupported, ImageHeader.Read(exr).Outcome);
        Assert.AreEqual(ImageFormat.OpenExr, ImageHeader.Read(exr).Format);
        Assert.AreEqual(ImageFormat.JpegXl, ImageHeader.Read(jxl).Format);
    }

    [TestMethod]
    public void Read_NetpbmWithComments_SkipsThem()
    {
        byte[] pgm = [.. "P5\n# made by hand\n 640 # width\n480\n255\n"u8, 0, 0, 0];

        Assert.AreEqual((640L, 480L), (ImageHeader.Read(pgm).Width, ImageHeader.Read(pgm).Height));
    }

    /// <summary>The image OpenCV writes for an extension, grey where the format holds one channel only, float for PFM and HDR.</summary>
    internal static byte[] Encoded(string extension, int width, int height)
    {
        using var colour = new Mat(height, width, MatType.CV_8UC3, new Scalar(30, 60, 90));
        Cv2.Line(colour, new Point(0, 0), new Point(width - 1, height - 1), Scalar.All(255), 1);
        using var image = new Mat();
        if (extension is ".pbm" or ".pgm") Cv2.CvtColor(colour, image, ColorConversionCodes.BGR2GRAY);
        else if (extension is ".pfm" or ".hdr") colour.ConvertTo(image, MatType.CV_32FC3, 1 / 255.0);
        else colour.CopyTo(image);
        Assert.IsTrue(Cv2.ImEncode(extension, image, out byte[] encoded), $"OpenCV did not encode {extension}");
        return encoded;
    }
}
