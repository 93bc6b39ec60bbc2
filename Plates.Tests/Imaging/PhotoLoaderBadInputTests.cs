using System.Buffers.Binary;
using System.Text;
using OpenCvSharp;
using Plates.Consume.Imaging;
using Plates.Tests.IO;
using Plates.Tests.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Imaging;

/// <summary>
/// The loader's answers to the bad input of issue 9 (cases 1–3): a JPEG without its end marker is read, an image whose
/// header declares too many pixels is refused before it is decoded whatever its format, and no stream is read beyond
/// what an image within the pixel limit can take.
/// </summary>
[TestClass]
public sealed class PhotoLoaderBadInputTests
{
    private const long DefaultLimit = 50_000_000;

    private static TempFolder s_scratch = null!;

    [ClassInitialize]
    public static void CreateScratch(TestContext _) => s_scratch = new TempFolder();

    [ClassCleanup]
    public static void DeleteScratch() => s_scratch?.Dispose();

    /// <summary>Case 1: a camera JPEG whose data stops before FF D9 reads, and its plate with it.</summary>
    [TestMethod]
    public void Load_SceneJpegWithoutItsEndMarker_ReadsThePlate()
    {
        byte[] bytes = File.ReadAllBytes(RecognitionData.RequireScene("粤TD1291"));
        Assert.IsTrue(bytes.AsSpan()[^2..].SequenceEqual(new byte[] { 0xFF, 0xD9 }));
        string path = s_scratch.Combine("no-end-marker.jpg");
        File.WriteAllBytes(path, bytes[..^2]);

        var result = SharedRecogniser.Instance.Recognise(path);

        CollectionAssert.Contains(result.Plates.Select(p => p.Text).ToArray(), "粤TD1291");
    }

    /// <summary>
    /// Case 2: a header declaring 40000×40000 (or the format's largest) is refused with the documented exception and
    /// the declared size, whatever the format; decoding would have met OpenCV's own limit (its raw exception) or an
    /// allocation of gigabytes.
    /// </summary>
    [TestMethod]
    [DataRow(".tif")]
    [DataRow(".png")]
    [DataRow(".jpg")]
    [DataRow(".bmp")]
    [DataRow(".gif")]
    [DataRow(".webp")]
    [DataRow(".pgm")]
    [DataRow(".pam")]
    [DataRow(".pfm")]
    [DataRow(".jp2")]
    [DataRow(".hdr")]
    [DataRow(".sr")]
    public void Load_HeaderDeclaringTooManyPixels_IsRefusedBeforeDecodingNamingTheFile(string extension)
    {
        var (bytes, size) = Oversized(extension);
        string path = s_scratch.Combine("oversized" + extension);
        File.WriteAllBytes(path, bytes);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => PhotoLoader.Load(path, DefaultLimit));

        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, $"{size}×{size}");
        StringAssert.Contains(e.Message, "over the limit of 50 megapixels");
    }

    /// <summary>Case 3: /dev/zero is refused from its first bytes, not read until memory runs out.</summary>
    [TestMethod]
    public void Load_DevZero_IsRefusedAsNotAnImage()
    {
        if (!File.Exists("/dev/zero")) Assert.Inconclusive("No /dev/zero on this system.");

        var e = Assert.ThrowsExactly<InvalidDataException>(() => PhotoLoader.Load("/dev/zero", DefaultLimit));

        StringAssert.Contains(e.Message, "/dev/zero: not an image");
    }

    /// <summary>Case 3: an endless stream behind a valid header is read only as far as an image of that size can take.</summary>
    [TestMethod]
    public void Load_EndlessStreamBehindAValidHeader_StopsAtWhatItsSizeAllows()
    {
        using var stream = new EndlessStream(PngHeader(100, 100));

        var e = Assert.ThrowsExactly<InvalidDataException>(() => PhotoLoader.Load(stream, "endless", DefaultLimit));

        StringAssert.Contains(e.Message, "endless: the data goes on past");
        long allowed = PhotoLoader.MaxEncodedBytes(100 * 100);
        Assert.IsLessThanOrEqualTo(allowed + 1, stream.Position, $"read {stream.Position} bytes of an image allowed {allowed}");
    }

    /// <summary>Case 3: a file larger than any image within the limit (a sparse 3 GB one) is refused from its length, unread.</summary>
    [TestMethod]
    public void Load_FileLargerThanThePixelLimitAllows_IsRefusedFromItsLength()
    {
        string path = s_scratch.Combine("huge.png");
        using (var file = new FileStream(path, FileMode.Create))
        {
            file.Write(PngHeader(100, 100));
            file.SetLength(3L << 30);
        }

        var e = Assert.ThrowsExactly<InvalidDataException>(() => PhotoLoader.Load(path, DefaultLimit));

        StringAssert.Contains(e.Message, $"{path}: the file is 3221.2 MB, more than an image of at most 50 megapixels can take");
    }

    [TestMethod]
    public void Load_HeicFile_IsRefusedByItsFormatsName()
    {
        string path = s_scratch.Combine("phone.heic");
        File.WriteAllBytes(path, [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[64]]);

        var e = Assert.ThrowsExactly<InvalidDataException>(() => PhotoLoader.Load(path, DefaultLimit));

        StringAssert.Contains(e.Message, $"{path}: a HEIF/HEIC image, which the decoder does not read");
    }

    [TestMethod]
    public void Load_StreamOfAnEncodedImage_DecodesIt()
    {
        byte[] tiff = ImageHeaderTests.Encoded(".tif", 64, 48);
        using var stream = new MemoryStream(tiff);

        using var image = PhotoLoader.Load(stream, "memory", DefaultLimit);

        Assert.AreEqual((64, 48, MatType.CV_8UC3), (image.Width, image.Height, image.Type()));
    }

    /// <summary>An image OpenCV wrote for the extension, its declared size patched to one over every limit; the size used.</summary>
    private static (byte[] Bytes, int Size) Oversized(string extension)
    {
        const int size = 40000;
        byte[] tail = new byte[256];
        switch (extension)
        {
            case ".pgm": return ([.. Encoding.ASCII.GetBytes($"P5\n{size} {size}\n255\n"), .. tail], size);
            case ".pam": return ([.. Encoding.ASCII.GetBytes($"P7\nWIDTH {size}\nHEIGHT {size}\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\n"), .. tail], size);
            case ".pfm": return ([.. Encoding.ASCII.GetBytes($"PF\n{size} {size}\n-1\n"), .. tail], size);
            case ".hdr": return ([.. Encoding.ASCII.GetBytes($"#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y {size} +X {size}\n"), .. tail], size);
        }
        byte[] bytes = ImageHeaderTests.Encoded(extension, 64, 48);
        var span = bytes.AsSpan();
        switch (extension)
        {
            case ".png":
                BinaryPrimitives.WriteInt32BigEndian(span[16..], size);
                BinaryPrimitives.WriteInt32BigEndian(span[20..], size);
                return (bytes, size);
            case ".bmp":
                BinaryPrimitives.WriteInt32LittleEndian(span[18..], size);
                BinaryPrimitives.WriteInt32LittleEndian(span[22..], size);
                return (bytes, size);
            case ".sr":
                BinaryPrimitives.WriteInt32BigEndian(span[4..], size);
                BinaryPrimitives.WriteInt32BigEndian(span[8..], size);
                return (bytes, size);
            case ".gif":
                BinaryPrimitives.WriteUInt16LittleEndian(span[6..], size);
                BinaryPrimitives.WriteUInt16LittleEndian(span[8..], size);
                return (bytes, size);
            case ".jpg":
                int frame = span.IndexOf(new byte[] { 0xFF, 0xC0 });
                BinaryPrimitives.WriteUInt16BigEndian(span[(frame + 5)..], size);
                BinaryPrimitives.WriteUInt16BigEndian(span[(frame + 7)..], size);
                return (bytes, size);
            case ".jp2":
                int box = span.IndexOf("ihdr"u8);
                BinaryPrimitives.WriteUInt32BigEndian(span[(box + 4)..], size);
                BinaryPrimitives.WriteUInt32BigEndian(span[(box + 8)..], size);
                return (bytes, size);
            case ".webp":
                // Lossless WebP holds 14-bit sizes: 16384×16384 is the largest, still over 50 megapixels.
                Assert.IsTrue(span[12..16].SequenceEqual("VP8L"u8));
                uint bits = BinaryPrimitives.ReadUInt32LittleEndian(span[21..]);
                BinaryPrimitives.WriteUInt32LittleEndian(span[21..], (bits & 0xF000_0000) | 16383u << 14 | 16383u);
                return (bytes, 16384);
            case ".tif":
                int directory = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
                int entries = BinaryPrimitives.ReadUInt16LittleEndian(span[directory..]);
                for (int e = 0; e < entries; e++)
                {
                    var entry = span[(directory + 2 + e * 12)..];
                    int tag = BinaryPrimitives.ReadUInt16LittleEndian(entry);
                    if (tag is not (256 or 257)) continue;
                    BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], 4);
                    BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], size);
                }
                return (bytes, size);
        }
        throw new ArgumentException(extension);
    }

    private static byte[] PngHeader(int width, int height)
    {
        using var image = new Mat(4, 4, MatType.CV_8UC3, Scalar.All(0));
        Cv2.ImEncode(".png", image, out byte[] png);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        return png[..33];
    }

    /// <summary>A stream that gives its start, then zeros for ever, counting what was read.</summary>
    private sealed class EndlessStream(byte[] start) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
                buffer[offset + i] = _position + i < start.Length ? start[_position + i] : (byte)0;
            _position += count;
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
