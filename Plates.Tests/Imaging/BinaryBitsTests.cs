using OpenCvSharp;
using Plates.Consume.Imaging;

namespace Plates.Tests.Imaging;

[TestClass]
public sealed class BinaryBitsTests
{
    [TestMethod]
    public void FromMat_EveryGreyLevelOfARegion_IsOneExactlyAbove127()
    {
        // 37 columns: the 32-byte blocks and the bytes after them; a region of a wider image is strided.
        var random = new Random(2);
        using var image = new Mat(9, 50, MatType.CV_8UC1);
        var levels = new byte[9 * 50];
        random.NextBytes(levels);
        image.SetArray(levels);
        using var region = new Mat(image, new Rect(5, 1, 37, 7));

        var bits = BinaryBits.FromMat(region);

        for (int y = 0; y < 7; y++)
            for (int x = 0; x < 37; x++)
                Assert.AreEqual(levels[(y + 1) * 50 + x + 5] > 127 ? 1 : 0, bits[y * 37 + x], $"pixel ({x}, {y})");
    }

    [TestMethod]
    public void ToMat_AnyNonZeroByte_Is255AndZeroStaysZero()
    {
        var bits = Enumerable.Range(0, 3 * 41).Select(i => (byte)(i % 3 == 0 ? 0 : i % 7 == 0 ? 2 : 1)).ToArray();

        using var mat = BinaryBits.ToMat(bits, 41, 3);

        mat.GetArray(out byte[] pixels);
        CollectionAssert.AreEqual(bits.Select(b => b == 0 ? (byte)0 : (byte)255).ToArray(), pixels);
    }
}
