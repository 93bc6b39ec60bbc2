using OpenCvSharp;
using Plates.Consume.Imaging;

namespace Plates.Tests.Imaging;

[TestClass]
public sealed class BlobsTests
{
    [TestMethod]
    public void WithoutBorderComponents_BlobTouchingEdge_IsRemovedAndInnerBlobKept()
    {
        using var mask = new Mat(40, 200, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Rectangle(mask, new Rect(150, 20, 50, 20), Scalar.All(255), -1);
        Cv2.Rectangle(mask, new Rect(50, 10, 8, 20), Scalar.All(255), -1);

        using var cleaned = Blobs.WithoutBorderComponents(mask);

        Assert.AreEqual(8 * 20, Cv2.CountNonZero(cleaned));
        Assert.AreEqual(255, cleaned.At<byte>(15, 52));
    }

    [TestMethod]
    public void Find_DiagonalNeighbours_JoinInEightConnectivityOnly()
    {
        using var mask = new Mat(10, 10, MatType.CV_8UC1, Scalar.All(0));
        mask.Set(3, 3, (byte)255);
        mask.Set(4, 4, (byte)255);

        Assert.HasCount(1, Blobs.Find(mask));
        Assert.HasCount(2, Blobs.Find(mask, connectivity: PixelConnectivity.Connectivity4));
    }

    [TestMethod]
    public void Find_Labels_NameEachPixelsComponent()
    {
        using var mask = new Mat(20, 40, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Rectangle(mask, new Rect(2, 3, 5, 6), Scalar.All(255), -1);
        Cv2.Rectangle(mask, new Rect(20, 1, 3, 15), Scalar.All(255), -1);
        var labels = new int[20 * 40];

        var found = Blobs.Find(mask, labels);

        Assert.HasCount(2, found);
        var small = found.Single(c => c.Bounds == new Rect(2, 3, 5, 6));
        var tall = found.Single(c => c.Bounds == new Rect(20, 1, 3, 15));
        Assert.AreEqual(30, small.Area);
        Assert.AreEqual(45, tall.Area);
        Assert.AreEqual(small, found[labels[5 * 40 + 4] - 1]);
        Assert.AreEqual(tall, found[labels[10 * 40 + 21] - 1]);
        Assert.AreEqual(0, labels[0]);
    }

    [TestMethod]
    public void Find_Region_LabelsOnlyInsideItInWholeImageCoordinates()
    {
        // One upright bar through rows 0..19; only rows 5..14 are labelled, so it is a 10-row blob there.
        const int width = 30, height = 20;
        var bits = new byte[width * height];
        for (int y = 0; y < height; y++) bits[y * width + 12] = 1;
        var labels = new int[width * height];

        var found = Blobs.Find(bits, width, height, new Rect(0, 5, width, 10), labels);

        Assert.HasCount(1, found);
        Assert.AreEqual(new Rect(12, 5, 1, 10), found[0].Bounds);
        Assert.AreEqual(0, labels[2 * width + 12]);
        Assert.AreEqual(1, labels[7 * width + 12]);
    }
}
