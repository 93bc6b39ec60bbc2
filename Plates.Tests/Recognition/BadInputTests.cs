using OpenCvSharp;
using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>Files that are not photos are refused with an exception that names the file and the problem.</summary>
[TestClass]
public sealed class BadInputTests
{
    private static TempFolder s_scratch = null!;

    [ClassInitialize]
    public static void CreateScratch(TestContext _) => s_scratch = new TempFolder();

    [ClassCleanup]
    public static void Cleanup() => s_scratch?.Dispose();

    [TestMethod]
    public void Recognise_MissingFile_ThrowsFileNotFoundNamingThePath()
    {
        string path = s_scratch.Combine("no-such-photo.jpg");

        var e = Assert.ThrowsExactly<FileNotFoundException>(() => SharedRecogniser.Instance.Recognise(path));

        StringAssert.Contains(e.Message, path);
        Assert.AreEqual(path, e.FileName);
    }

    [TestMethod]
    public void Recognise_ZeroByteFile_ThrowsInvalidDataNamingTheFile()
    {
        string path = s_scratch.Combine("empty.jpg");
        File.WriteAllBytes(path, []);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => SharedRecogniser.Instance.Recognise(path));

        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "empty");
    }

    [TestMethod]
    public void Recognise_TextFileRenamedJpg_ThrowsInvalidDataNamingTheFile()
    {
        string path = s_scratch.Combine("notes.jpg");
        File.WriteAllText(path, "This is a shopping list, not a photo.\nmilk\neggs\n");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => SharedRecogniser.Instance.Recognise(path));

        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "not an image");
    }

    [TestMethod]
    public void Recognise_EmptyByteArray_ThrowsInvalidData()
    {
        Assert.ThrowsExactly<InvalidDataException>(() => SharedRecogniser.Instance.Recognise(Array.Empty<byte>()));
    }

    /// <summary>
    /// A JPEG cut short (its data stopping before the end marker, as a camera's interrupted write leaves it) decodes
    /// as libjpeg and Cv2.ImRead decode it, the missing part filled in: half, or 90 %, of a scene gives the whole frame.
    /// </summary>
    [TestMethod]
    [DataRow(0.5)]
    [DataRow(0.9)]
    public void Recognise_TruncatedJpeg_DecodesTheWholeFrameAsImReadDoes(double kept)
    {
        byte[] bytes = File.ReadAllBytes(RecognitionData.RequireScene("粤TD1291"));
        string path = s_scratch.Combine($"truncated-{kept * 100:F0}.jpg");
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * kept)]);
        using var expected = Cv2.ImRead(path, ImreadModes.Color);

        using var loaded = Plates.Consume.Imaging.PhotoLoader.Load(path, 50_000_000);

        Assert.IsFalse(expected.Empty());
        Assert.AreEqual((expected.Width, expected.Height), (loaded.Width, loaded.Height));
    }

    [TestMethod]
    public void Recognise_JpegCutInsideItsHeader_ThrowsInvalidData()
    {
        byte[] bytes = File.ReadAllBytes(RecognitionData.RequireScene("粤TD1291"));
        string path = s_scratch.Combine("header-only.jpg");
        File.WriteAllBytes(path, bytes[..100]);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => SharedRecogniser.Instance.Recognise(path));

        StringAssert.Contains(e.Message, path);
    }

    [TestMethod]
    public void Recognise_PhotoOverThePixelLimit_ThrowsInvalidDataMentioningMegapixels()
    {
        using var small = new PlateRecogniser(options: new RecogniserOptions { MaxPixels = 10_000 });
        string path = RecognitionData.RequireScene("粤TD1291");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => small.Recognise(path));

        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "megapixels");
        StringAssert.Contains(e.Message, "768×576");
    }

    /// <summary>A PNG header claiming 100000×100000 pixels is refused from its header, before any pixel is allocated.</summary>
    [TestMethod]
    public void Recognise_PngHeaderClaimingHugeSize_ThrowsInvalidDataBeforeDecoding()
    {
        using var tiny = new Mat(4, 4, MatType.CV_8UC3, Scalar.All(0));
        Cv2.ImEncode(".png", tiny, out byte[] png);
        // IHDR width and height are the big-endian integers at bytes 16 and 20.
        byte[] huge = [.. png];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(huge.AsSpan(16), 100_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(huge.AsSpan(20), 100_000);
        string path = s_scratch.Combine("huge.png");
        File.WriteAllBytes(path, huge);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => SharedRecogniser.Instance.Recognise(path));

        StringAssert.Contains(e.Message, "megapixels");
        StringAssert.Contains(e.Message, path);
    }

    [TestMethod]
    public void Recognise_UnsupportedDepth_ThrowsInvalidData()
    {
        using var signed = new Mat(64, 64, MatType.CV_16SC3, Scalar.All(100));

        Assert.ThrowsExactly<InvalidDataException>(() => SharedRecogniser.Instance.Recognise(signed));
    }

    /// <summary>Issue 9 case 5: a Mat over MaxPixels is refused as a file of that size is, by both Mat entry points.</summary>
    [TestMethod]
    public void RecogniseAndRecognisePlateImage_MatOverThePixelLimit_ThrowArgumentExceptionGivingTheSize()
    {
        using var small = new PlateRecogniser(options: new RecogniserOptions { MaxPixels = 10_000 });
        using var photo = new Mat(101, 100, MatType.CV_8UC3, Scalar.All(128));

        var e = Assert.ThrowsExactly<ArgumentException>(() => small.Recognise(photo));
        var crop = Assert.ThrowsExactly<ArgumentException>(() => small.RecognisePlateImage(photo));

        StringAssert.Contains(e.Message, "100×101");
        StringAssert.Contains(e.Message, "MaxPixels");
        Assert.AreEqual("photo", e.ParamName);
        Assert.AreEqual("plate", crop.ParamName);
    }
}
