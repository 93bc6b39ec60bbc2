using OpenCvSharp;
using Plates.Consume;
using Plates.Cli.Evaluation;
using Plates.Consume.Localisation;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Localisation;

[TestClass]
public sealed class LocalisationStepTests
{
    [TestMethod]
    public void Suppress_BoxInsideBetterBox_KeepsOnlyTheBetter()
    {
        var outer = new PlateCandidate(new RotatedRect(new Point2f(100, 100), new Size2f(120, 40), 0), PlateColor.Blue, 0.9);
        var inner = new PlateCandidate(new RotatedRect(new Point2f(102, 100), new Size2f(100, 30), 2), PlateColor.Blue, 0.6);
        var elsewhere = new PlateCandidate(new RotatedRect(new Point2f(400, 300), new Size2f(120, 40), 0), PlateColor.Yellow, 0.7);

        var kept = CandidateSuppression.Suppress([inner, outer, elsewhere], overlap: 0.4, maxCount: 5);

        CollectionAssert.AreEqual(new[] { outer, elsewhere }, kept.ToArray());
    }

    [TestMethod]
    public void SuppressGrouped_OverlappingBoxes_KeepsTheBestWithItsAlternatives()
    {
        var plate = new PlateCandidate(new RotatedRect(new Point2f(100, 100), new Size2f(100, 30), 0), PlateColor.Blue, 0.9);
        var looser = plate with { Box = new RotatedRect(new Point2f(102, 100), new Size2f(120, 36), 0), Score = 0.8 };
        var loosest = plate with { Box = new RotatedRect(new Point2f(104, 100), new Size2f(140, 40), 0), Score = 0.7 };
        var elsewhere = plate with { Box = new RotatedRect(new Point2f(400, 300), new Size2f(100, 30), 0), Score = 0.6 };

        var groups = CandidateSuppression.SuppressGrouped([loosest, elsewhere, plate, looser], 0.4, maxCount: 6, perGroup: 2);

        Assert.HasCount(2, groups);
        CollectionAssert.AreEqual(new[] { plate, looser }, groups[0].ToArray());
        CollectionAssert.AreEqual(new[] { elsewhere }, groups[1].ToArray());
    }

    [TestMethod]
    public void WorkingScale_WidePhoto_ShrinksToWorkingWidth()
    {
        var options = new PlateLocatorOptions();

        Assert.AreEqual(0.25, PlateLocator.WorkingScale(4000, options), 1e-9);
        Assert.AreEqual(1.0, PlateLocator.WorkingScale(800, options), 1e-9);
        Assert.AreEqual(2.0, PlateLocator.WorkingScale(320, options), 1e-9);
    }

    [TestMethod]
    public void BrightenedIfDark_DimYellowPlateInDarkPhoto_IsProposedByColourOnlyOnceBrightened()
    {
        // A plate lit like the rest of a dusk photo: yellow in hue and saturation, but under the value floor.
        var truth = new RotatedRect(new Point2f(400, 300), new Size2f(220, 70), 0);
        var dimYellow = new Scalar(SyntheticPlates.Yellow.Val0 * 0.22, SyntheticPlates.Yellow.Val1 * 0.22, SyntheticPlates.Yellow.Val2 * 0.22);
        using var scene = new Mat(new Size(800, 600), MatType.CV_8UC3, Scalar.All(25));
        SyntheticPlates.Draw(scene, truth, dimYellow, Scalar.All(5));
        using var hsv = new Mat();
        Cv2.CvtColor(scene, hsv, ColorConversionCodes.BGR2HSV);
        var options = new PlateLocatorOptions();

        using var brightened = CandidateProposals.BrightenedIfDark(hsv, options.Proposals);

        Assert.IsFalse(CandidateProposals.FromColour(hsv, PlateColor.Yellow, options).Any(b => PlateMatching.Matches(b, truth)));
        Assert.IsNotNull(brightened);
        Assert.IsTrue(CandidateProposals.FromColour(brightened, PlateColor.Yellow, options).Any(b => PlateMatching.Matches(b, truth)));
    }

    [TestMethod]
    public void BrightenedIfDark_DaylightPhoto_IsLeftAsItIs()
    {
        using var scene = SyntheticPlates.Scene(new Size(800, 600), new RotatedRect(new Point2f(400, 300), new Size2f(220, 70), 0), SyntheticPlates.Blue, SyntheticPlates.White);
        using var hsv = new Mat();
        Cv2.CvtColor(scene, hsv, ColorConversionCodes.BGR2HSV);

        using var brightened = CandidateProposals.BrightenedIfDark(hsv, new ProposalOptions());

        Assert.IsNull(brightened);
    }

    [TestMethod]
    public void IsPlausible_SquareBox_IsRejected()
    {
        var options = new PlateLocatorOptions();

        Assert.IsFalse(CandidateProposals.IsPlausible(new RotatedRect(new Point2f(50, 50), new Size2f(60, 60), 0), new Size(800, 600), options));
        Assert.IsTrue(CandidateProposals.IsPlausible(new RotatedRect(new Point2f(50, 50), new Size2f(120, 38), 0), new Size(800, 600), options));
    }

    [TestMethod]
    public void RowSplitBoxes_TwoPlateLongRowsJoinedByBolts_ProposesEachRowGrown()
    {
        // Edge blobs as the vertical-edge close leaves them: a plate's row of strokes under another plate's, the two
        // joined by two bolt-sized bridges, so that the blob (120 × 80) is too tall for one plate.
        using var blobs = Blobs(new Rect(100, 100, 120, 34), new Rect(105, 144, 115, 36), new Rect(125, 134, 6, 10), new Rect(190, 134, 6, 10));
        var options = new PlateLocatorOptions();

        var rows = RowSplitOf(blobs, options);

        Assert.HasCount(2, rows);
        var lower = rows.Single(b => b.Center.Y > 140);
        Assert.AreEqual(162, lower.Center.X, 1.5);
        Assert.AreEqual(162, lower.Center.Y, 1.5);
        Assert.AreEqual(115 * options.Proposals.RowSplitGrowth.Width, lower.Size.Width, 3);
        Assert.AreEqual(36 * options.Proposals.RowSplitGrowth.Height, lower.Size.Height, 2);
    }

    [TestMethod]
    public void RowSplitBoxes_TwoRowPlate_IsLeftWhole()
    {
        // A two-row plate's upper row is about half as long as its lower one (GA 36): one plate, not two stacked.
        using var blobs = Blobs(new Rect(155, 100, 70, 30), new Rect(115, 140, 150, 50), new Rect(186, 130, 8, 10));

        Assert.IsEmpty(RowSplitOf(blobs, new PlateLocatorOptions()));
    }

    [TestMethod]
    public void RowSplitBoxes_PlateShapedBlob_IsNotSplit()
    {
        // Long enough for its height to be one plate (120 × 62): its rows are one plate's, however thin the middle
        // ones, though each half would pass for a plate on its own.
        using var blobs = Blobs(new Rect(100, 100, 120, 29), new Rect(100, 133, 120, 29), new Rect(150, 129, 6, 4));

        Assert.IsEmpty(RowSplitOf(blobs, new PlateLocatorOptions()));
    }

    [TestMethod]
    public void RowSplitBoxes_BlobHigherThanLong_IsNotSplit()
    {
        // Two plate-long rows joined by a pole: higher (130) than long (100), such blobs are left whole.
        using var blobs = Blobs(new Rect(100, 100, 100, 40), new Rect(100, 190, 100, 40), new Rect(140, 140, 6, 50));

        Assert.IsEmpty(RowSplitOf(blobs, new PlateLocatorOptions()));
    }

    [TestMethod]
    public void EdgeBlobs_HongKongPlateUnderItsHongKongTwin_IsProposedOnItsOwnRow()
    {
        // A Guangdong–Hong Kong truck carries its Hong Kong plate over its mainland one; their edges join into one blob
        // (kinds/粤ZBD60港.jpg, the mainland plate about 306×83 px at 999,1666 of the photo).
        using var photo = Cv2.ImRead(Path.Combine(TestData.RequireDataset("kinds"), "粤ZBD60港.jpg"));
        var options = new PlateLocatorOptions();
        double scale = PlateLocator.WorkingScale(photo.Width, photo.Height, options);
        using var work = PlateLocator.Rescale(photo, scale);
        using var grey = new Mat();
        Cv2.CvtColor(work, grey, ColorConversionCodes.BGR2GRAY);
        var truth = new RotatedRect(new Point2f((float)(999 * scale), (float)(1666 * scale)), new Size2f((float)(306 * scale), (float)(83 * scale)), 0);
        bool OnThePlateAlone(RotatedRect box) => PlateMatching.Matches(box, truth) && box.Size.Height < 1.5 * truth.Size.Height;

        var unsplit = options with { Proposals = options.Proposals with { RowSplitFill = 0 } };
        Assert.IsFalse(CandidateProposals.FromEdges(grey, unsplit).Any(OnThePlateAlone));
        var split = CandidateProposals.FromEdges(grey, options).Where(OnThePlateAlone).ToArray();
        Assert.IsNotEmpty(split);
        var locator = new PlateLocator(options);
        Assert.IsTrue(split.Any(b => locator.Judge(work, b).Score >= options.MinScore));
    }

    /// <summary>A binary image of edge blobs: the rectangles filled, on a 400 × 300 black image.</summary>
    private static Mat Blobs(params Rect[] ink)
    {
        var blobs = new Mat(new Size(400, 300), MatType.CV_8UC1, Scalar.All(0));
        foreach (var rect in ink)
        {
            blobs.Rectangle(rect, Scalar.All(255), -1);
        }

        return blobs;
    }

    private static IReadOnlyList<RotatedRect> RowSplitOf(Mat blobs, PlateLocatorOptions options)
    {
        Cv2.FindContours(blobs, out Point[][] contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        return CandidateProposals.RowSplitBoxes(blobs, contours, blobs.Size(), options);
    }
}
