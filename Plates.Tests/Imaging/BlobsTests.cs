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

    /// <summary>What OpenCV's labelling gives (the reference the managed one must equal): labels and components in its order.</summary>
    private static (int[] Labels, Component[] Components) OpenCvLabels(Mat binary, PixelConnectivity connectivity)
    {
        using var labelImage = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int n = Cv2.ConnectedComponentsWithStats(binary, labelImage, stats, centroids, connectivity);
        labelImage.GetArray(out int[] labels);
        var components = new Component[n - 1];
        for (int i = 1; i < n; i++)
            components[i - 1] = new Component(
                new Rect(stats.At<int>(i, (int)ConnectedComponentsTypes.Left), stats.At<int>(i, (int)ConnectedComponentsTypes.Top),
                    stats.At<int>(i, (int)ConnectedComponentsTypes.Width), stats.At<int>(i, (int)ConnectedComponentsTypes.Height)),
                stats.At<int>(i, (int)ConnectedComponentsTypes.Area));
        return (labels, components);
    }

    private static void AssertSameAsOpenCv(Mat binary, PixelConnectivity connectivity, string what)
    {
        var (expectedLabels, expected) = OpenCvLabels(binary, connectivity);
        var labels = new int[binary.Rows * binary.Cols];
        var found = Blobs.Find(binary, labels, connectivity);
        CollectionAssert.AreEqual(expected, found.ToArray(), $"components of {what}");
        CollectionAssert.AreEqual(expectedLabels, labels, $"labels of {what}");
    }

    [TestMethod]
    public void Find_RandomImages_EqualsOpenCvsLabellingPixelForPixel()
    {
        // Odd and even sizes, sparse to dense noise and thin random strokes: every neighbour case, merges of many
        // provisional labels, and components whose first 2×2 block comes before their first pixel in raster order.
        var random = new Random(11);
        foreach (var (width, height) in new[] { (1, 1), (1, 9), (9, 1), (7, 5), (20, 20), (31, 17), (272, 72), (97, 40) })
        {
            foreach (double density in new[] { 0.05, 0.3, 0.5, 0.7, 0.95 })
            {
                var pixels = new byte[width * height];
                for (int i = 0; i < pixels.Length; i++) pixels[i] = random.NextDouble() < density ? (byte)255 : (byte)0;
                using var binary = Mat.FromPixelData(height, width, MatType.CV_8UC1, pixels);
                AssertSameAsOpenCv(binary, PixelConnectivity.Connectivity8, $"{width}×{height} at {density}");
                AssertSameAsOpenCv(binary, PixelConnectivity.Connectivity4, $"{width}×{height} at {density}, 4-connected");
            }
            using var strokes = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
            for (int k = 0; k < 12; k++)
                Cv2.Line(strokes, new Point(random.Next(width), random.Next(height)), new Point(random.Next(width), random.Next(height)), Scalar.All(255));
            AssertSameAsOpenCv(strokes, PixelConnectivity.Connectivity8, $"{width}×{height} strokes");
        }
    }

    [TestMethod]
    public void Find_BinarisedCrops_EqualsOpenCvsLabellingPixelForPixel()
    {
        string folder = Plates.Tests.TestSupport.TestData.RequireDataset("crops");
        var segmenter = new Plates.Consume.Segmentation.CharacterSegmenter();
        foreach (string file in Directory.GetFiles(folder, "*.jpg").Order().Take(40))
        {
            using var crop = Cv2.ImRead(file, ImreadModes.Color);
            using var resized = new Mat();
            Cv2.Resize(crop, resized, new Size(272, 72), 0, 0, InterpolationFlags.Cubic);
            using var binary = segmenter.Binariser.Binarise(resized, Plates.Consume.PlateColor.Blue);
            AssertSameAsOpenCv(binary, PixelConnectivity.Connectivity8, Path.GetFileName(file));
        }
    }

    [TestMethod]
    public void Find_RegionOfBytes_EqualsOpenCvOnThatRegionAlone()
    {
        var random = new Random(5);
        const int width = 60, height = 30;
        var bits = new byte[width * height];
        for (int i = 0; i < bits.Length; i++) bits[i] = random.NextDouble() < 0.45 ? (byte)1 : (byte)0;
        foreach (var region in new[] { new Rect(0, 7, width, 11), new Rect(13, 4, 29, 19) })
        {
            var labels = Enumerable.Repeat(-1, width * height).ToArray();
            var found = Blobs.Find(bits, width, height, region, labels);

            using var whole = Mat.FromPixelData(height, width, MatType.CV_8UC1, bits);
            using var part = new Mat(whole, region);
            using var continuous = part.Clone();
            var (expectedLabels, expected) = OpenCvLabels(continuous, PixelConnectivity.Connectivity8);
            CollectionAssert.AreEqual(expected.Select(c => c with { Bounds = new Rect(c.Bounds.X + region.X, c.Bounds.Y + region.Y, c.Bounds.Width, c.Bounds.Height) }).ToArray(), found.ToArray());
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    int expectedLabel = region.Contains(x, y) ? expectedLabels[(y - region.Y) * region.Width + x - region.X] : -1;
                    Assert.AreEqual(expectedLabel, labels[y * width + x], $"label at ({x}, {y}) for region {region}");
                }
        }
    }
}
