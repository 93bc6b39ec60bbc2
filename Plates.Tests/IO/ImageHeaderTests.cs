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
    public void TryReadSize_OtherFormatsAndShortHeaders_ReturnFalse()
    {
        using var image = new Mat(20, 30, MatType.CV_8UC3, Scalar.All(0));
        Cv2.ImEncode(".png", image, out byte[] png);
        Cv2.ImEncode(".jpg", image, out byte[] jpeg);

        Assert.IsFalse(ImageHeader.TryReadSize([], out _, out _));
        Assert.IsFalse(ImageHeader.TryReadSize("GIF89a, or any text at all"u8, out _, out _));
        Assert.IsFalse(ImageHeader.TryReadSize(png.AsSpan(0, 20), out _, out _));
        Assert.IsFalse(ImageHeader.TryReadSize(jpeg.AsSpan(0, 20), out _, out _));
    }
}
