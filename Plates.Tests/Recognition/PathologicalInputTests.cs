using System.Buffers.Binary;
using System.Diagnostics;
using OpenCvSharp;
using Plates.Consume.Imaging;
using Plates.Consume.Localisation;
using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>Inputs that once crashed or exhausted the recogniser: each must now give a clear answer, quickly.</summary>
[TestClass]
public sealed class PathologicalInputTests
{
    [TestMethod]
    public void Recognise_NarrowTallStrip_ReturnsQuicklyWithoutPlates()
    {
        using var strip = new Mat(3000, 2, MatType.CV_8UC3, Scalar.All(255));
        var stopwatch = Stopwatch.StartNew();

        var result = SharedRecogniser.Instance.Recognise(strip);

        Assert.IsEmpty(result.Plates);
        Assert.IsLessThan(5.0, stopwatch.Elapsed.TotalSeconds, "a 6,000-pixel strip must not be enlarged to gigabytes");
    }

    [TestMethod]
    public void WorkingScale_ExtremeAspect_KeepsTheWorkingImageSmall()
    {
        var options = new PlateLocatorOptions();

        double scale = PlateLocator.WorkingScale(2, 3000, options);

        Assert.IsLessThanOrEqualTo(4.0 * options.WorkingWidth * options.WorkingWidth + 1, 2 * 3000 * scale * scale);
        Assert.AreEqual(PlateLocator.WorkingScale(1600, options), PlateLocator.WorkingScale(1600, 1200, options), 1e-12);
    }

    [TestMethod]
    public void Decode_BitmapHeaderWithMinimumHeight_IsInvalidData()
    {
        var bytes = new byte[66];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), 10);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), int.MinValue);

        Assert.ThrowsExactly<InvalidDataException>(() => PhotoLoader.Decode(bytes, 50_000_000));
    }

    [TestMethod]
    public void Recognise_NullBytes_ThrowsArgumentNull()
    {
        Assert.ThrowsExactly<ArgumentNullException>(() => SharedRecogniser.Instance.Recognise((byte[])null!));
    }

    [TestMethod]
    public void Constructor_ModelInTheWrongSlot_NamesTheFile()
    {
        using var temp = new TempFolder();
        foreach (string name in new[] { "province.zip", "city.zip", "alnum.zip" })
            File.Copy(Path.Combine(TestData.ShippedModels, name), temp.Combine(name));
        File.Copy(Path.Combine(TestData.ShippedModels, "city.zip"), temp.Combine("province.zip"), overwrite: true);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => new PlateRecogniser(temp.Path));

        StringAssert.Contains(error.Message, temp.Combine("province.zip"));
        StringAssert.Contains(error.Message, "not a province model");
    }

    [TestMethod]
    public void Recognise_AfterDispose_ThrowsObjectDisposed()
    {
        var recogniser = new PlateRecogniser();
        recogniser.Dispose();
        using var photo = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(0));

        Assert.ThrowsExactly<ObjectDisposedException>(() => recogniser.Recognise(photo));
        recogniser.Dispose();
    }
}
