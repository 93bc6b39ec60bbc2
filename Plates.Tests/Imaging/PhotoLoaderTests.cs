using System.Buffers.Binary;
using OpenCvSharp;
using Plates.Consume.Imaging;
using Plates.Tests.Recognition;

namespace Plates.Tests.Imaging;

/// <summary>Conversion of every kind of photo to 8-bit BGR, on synthetic images whose pixels are known.</summary>
[TestClass]
public sealed class PhotoLoaderTests
{
    private static readonly Scalar s_bgr = new(30, 120, 210);

    [TestMethod]
    public void ToBgr8_Grey_CopiesTheGreyIntoAllThreeChannels()
    {
        using var grey = new Mat(10, 20, MatType.CV_8UC1, Scalar.All(77));

        using var bgr = PhotoLoader.ToBgr8(grey);

        Assert.AreEqual(MatType.CV_8UC3, bgr.Type());
        Assert.AreEqual(new Vec3b(77, 77, 77), bgr.At<Vec3b>(5, 5));
    }

    [TestMethod]
    public void ToBgr8_SixteenBit_ScalesTo8Bit()
    {
        using var sixteen = new Mat(10, 20, MatType.CV_16UC3, new Scalar(30 * 257, 120 * 257, 210 * 257));

        using var bgr = PhotoLoader.ToBgr8(sixteen);

        Assert.AreEqual(MatType.CV_8UC3, bgr.Type());
        Assert.AreEqual(new Vec3b(30, 120, 210), bgr.At<Vec3b>(5, 5));
    }

    [TestMethod]
    public void ToBgr8_Bgra_DropsAlpha()
    {
        using var bgra = new Mat(10, 20, MatType.CV_8UC4, new Scalar(30, 120, 210, 0));

        using var bgr = PhotoLoader.ToBgr8(bgra);

        Assert.AreEqual(new Vec3b(30, 120, 210), bgr.At<Vec3b>(5, 5));
    }

    [TestMethod]
    public void ToBgr8_Bgr_ReturnsAnIndependentCopy()
    {
        using var original = new Mat(10, 20, MatType.CV_8UC3, s_bgr);

        using var bgr = PhotoLoader.ToBgr8(original);
        bgr.SetTo(Scalar.All(0));

        Assert.AreEqual(new Vec3b(30, 120, 210), original.At<Vec3b>(5, 5));
    }

    [TestMethod]
    public void ToBgr8_TwoChannelsOrSignedDepth_ThrowsInvalidData()
    {
        using var twoChannels = new Mat(10, 10, MatType.CV_8UC2, Scalar.All(1));
        using var signed = new Mat(10, 10, MatType.CV_16SC3, Scalar.All(1));

        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => PhotoLoader.ToBgr8(twoChannels)).Message, "channel count 2");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => PhotoLoader.ToBgr8(signed)).Message, "depth");
    }

    [TestMethod]
    [DataRow(".png")]
    [DataRow(".bmp")]
    [DataRow(".jpg")]
    public void Decode_EncodedImage_ReturnsItAsBgr(string extension)
    {
        using var image = new Mat(40, 60, MatType.CV_8UC3, s_bgr);
        Cv2.ImEncode(extension, image, out byte[] encoded);

        using var decoded = PhotoLoader.Decode(encoded, maxPixels: 60 * 40);

        Assert.AreEqual((60, 40, MatType.CV_8UC3), (decoded.Width, decoded.Height, decoded.Type()));
    }

    [TestMethod]
    public void Decode_SixteenBitPng_KeepsItsColours()
    {
        using var image = new Mat(8, 8, MatType.CV_16UC3, new Scalar(30 * 257, 120 * 257, 210 * 257));
        Cv2.ImEncode(".png", image, out byte[] encoded);

        using var decoded = PhotoLoader.Decode(encoded, 1_000_000);

        Assert.AreEqual(new Vec3b(30, 120, 210), decoded.At<Vec3b>(4, 4));
    }

    [TestMethod]
    public void Decode_OnePixelOverTheLimit_ThrowsInvalidDataMentioningMegapixels()
    {
        using var image = new Mat(40, 60, MatType.CV_8UC3, s_bgr);
        Cv2.ImEncode(".png", image, out byte[] encoded);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => PhotoLoader.Decode(encoded, maxPixels: 60 * 40 - 1));

        StringAssert.Contains(e.Message, "60×40");
        StringAssert.Contains(e.Message, "megapixels");
    }

    [TestMethod]
    public void Decode_PngHeaderWithNegativeWidth_ThrowsInvalidDataForTheImpossibleSize()
    {
        using var image = new Mat(4, 4, MatType.CV_8UC3, s_bgr);
        Cv2.ImEncode(".png", image, out byte[] encoded);
        BinaryPrimitives.WriteInt32BigEndian(encoded.AsSpan(16), -1);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => PhotoLoader.Decode(encoded, 1_000_000));

        StringAssert.Contains(e.Message, "impossible size");
    }

    /// <summary>
    /// BUG (PhotoLoader.Decode): it decodes with ImreadModes.Unchanged, which ignores the EXIF orientation tag, so a
    /// phone photo stored on its side (orientation 6) is read sideways and its plate is not found, while
    /// Cv2.ImRead(path, ImreadModes.Color) turns it upright and the plate is read. Un-ignore when fixed.
    /// </summary>
    [TestMethod]
    public void Decode_JpegWithExifOrientation_ReturnsThePhotoUpright()
    {
        using var upright = new Mat(30, 80, MatType.CV_8UC3, s_bgr);
        using var stored = new Mat();
        Cv2.Rotate(upright, stored, RotateFlags.Rotate90Counterclockwise);
        Cv2.ImEncode(".jpg", stored, out byte[] jpeg);

        using var decoded = PhotoLoader.Decode(WithExifOrientation(jpeg, 6), 1_000_000);

        Assert.AreEqual((80, 30), (decoded.Width, decoded.Height));
    }

    /// <summary>A text file beginning "BMW …" is not taken for a bitmap (whose header would give it an absurd size).</summary>
    [TestMethod]
    public void Decode_TextStartingWithBM_IsReportedAsNotAnImage()
    {
        byte[] text = "BMW X5 service notes: oil change at 60000 km, tyres rotated, brake pads checked.\n"u8.ToArray();

        var e = Assert.ThrowsExactly<InvalidDataException>(() => PhotoLoader.Decode(text, 50_000_000));

        StringAssert.Contains(e.Message, "not an image");
    }

    [TestMethod]
    public void Load_RealScene_MatchesOpenCvColourRead()
    {
        string path = RecognitionData.RequireScene("粤TD1291");
        using var expected = Cv2.ImRead(path, ImreadModes.Color);

        using var loaded = PhotoLoader.Load(path, 50_000_000);

        using var difference = new Mat();
        Cv2.Absdiff(expected, loaded, difference);
        Assert.AreEqual(0, Cv2.CountNonZero(difference.Reshape(1)));
    }

    /// <summary>Inserts an APP1 Exif segment holding only an Orientation tag right after the JPEG's SOI marker.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        var tiff = new List<byte> { (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1 };
        tiff.AddRange([(byte)(orientation >> 8), (byte)orientation, 0, 0, 0, 0, 0, 0]);
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        int length = payload.Length + 2;
        return [.. jpeg.AsSpan(0, 2), 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload, .. jpeg.AsSpan(2)];
    }
}
