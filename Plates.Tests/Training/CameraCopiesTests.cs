using OpenCvSharp;
using Plates.Model.Features;
using Plates.Train.Data;
using Plates.Train.Training;

namespace Plates.Tests.Training;

/// <summary>
/// The augmenter's camera copies on drawn characters whose answer is known: a low-resolution copy merges strokes that
/// lie closer than its pixels, an offset cut loses a strip and fills the square again, and neither is made unless asked.
/// </summary>
[TestClass]
public sealed class CameraCopiesTests
{
    /// <summary>Four thin vertical strokes two pixels apart over the full height: a detailed character's close strokes.</summary>
    private static byte[] Strokes()
    {
        using var image = new Mat(20, 20, MatType.CV_8UC1, Scalar.All(0));
        for (int x = 5; x <= 14; x += 3) Cv2.Line(image, new Point(x, 1), new Point(x, 18), Scalar.All(255), 1);
        image.GetArray(out byte[] pixels);
        return pixels;
    }

    /// <summary>Where the middle row goes from dark to bright: one per stroke while the strokes are apart.</summary>
    private static int RisingEdges(byte[] grey)
    {
        int edges = 0;
        for (int x = 1; x < 20; x++)
            if (grey[10 * 20 + x] > 127 && grey[10 * 20 + x - 1] <= 127) edges++;
        return edges;
    }

    [TestMethod]
    public void LowResolutionCopy_CloseThinStrokes_MergeIntoFewerWiderOnes()
    {
        byte[] strokes = Strokes();
        Assert.AreEqual(4, RisingEdges(strokes), "precondition: four separate strokes");
        var options = new LowResolutionOptions { Side = (7, 7), Blur = (0.6, 0.6), InkShare = (0.5, 0.5) };

        byte[] copy = LowResolutionCopy.Make(strokes, new Random(1), options);

        Assert.HasCount(CharacterFeatures.Side * CharacterFeatures.Side, copy);
        Assert.IsLessThan(4, RisingEdges(copy), "shrunk to 7 pixels, strokes 3 pixels apart cannot stay apart");
        Assert.IsGreaterThan(strokes.Count(p => p > 127), copy.Count(p => p > 127), "the merged strokes take more of the square");
    }

    [TestMethod]
    public void LowResolutionCopy_Result_FillsTheSquaresLargerSideAsTheCutterDoes()
    {
        byte[] copy = LowResolutionCopy.Make(Strokes(), new Random(3));

        using var image = Mat.FromPixelData(20, 20, MatType.CV_8UC1, copy);
        Rect ink = InkFit.Box(image);
        Assert.IsGreaterThanOrEqualTo(19, Math.Max(ink.Width, ink.Height), $"ink box {ink}");
    }

    [TestMethod]
    public void OffsetCutCopy_Character_LosesAStripOfAtMostAFifthAndFillsTheSquareAgain()
    {
        // A block whose left half is bright and right half mid-grey: which side was cut off shows in the copy's balance.
        using var image = new Mat(20, 20, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Rectangle(image, new Rect(5, 0, 5, 20), Scalar.All(255), -1);
        Cv2.Rectangle(image, new Rect(10, 0, 5, 20), Scalar.All(128), -1);
        image.GetArray(out byte[] block);

        var random = new Random(1);
        var copies = Enumerable.Range(0, 40).Select(_ => OffsetCutCopy.Make(block, random)).ToArray();

        foreach (byte[] copy in copies)
        {
            using var result = Mat.FromPixelData(20, 20, MatType.CV_8UC1, copy);
            Rect ink = InkFit.Box(result);
            Assert.AreEqual(20, ink.Height, "the block's height still fills the square");
            Assert.IsTrue(ink.Width is >= 8 and <= 12, $"a 10-pixel-wide block loses at most 2 columns, or is widened by at most 20/18 when rows are lost: {ink}");
        }
        Assert.IsTrue(copies.Any(c => !c.SequenceEqual(block)), "copies differ from the character");
    }

    [TestMethod]
    public void Augment_NoCameraShares_GivesTheSameCopiesAsBefore_AndFullSharesChangeEveryCopy()
    {
        var train = Enumerable.Range(0, 3).Select(i =>
        {
            using var glyph = SyntheticCharacters.Draw("A", new Random(i));
            Cv2.ImEncode(".png", glyph, out byte[] png);
            return new LabelledImage($"/d/A/{i}.png", "A", png);
        }).ToArray();

        var plain = CharacterAugmenter.Augment(train, minimumPerClass: 0, copiesPerImage: 2, seed: 1);
        var asked = CharacterAugmenter.Augment(train, minimumPerClass: 0, copiesPerImage: 2, seed: 1, lowResolutionShare: 0, offsetCutShare: 0);
        var camera = CharacterAugmenter.Augment(train, minimumPerClass: 0, copiesPerImage: 2, seed: 1, lowResolutionShare: 1);

        var random = new Random(1);
        var expected = Enumerable.Range(0, 6).Select(k => CharacterAugmenter.Alter(train[k % 3].Bytes, random)).ToArray();
        CollectionAssert.AreEqual(expected.Select(Convert.ToBase64String).ToArray(), plain.Skip(3).Select(i => Convert.ToBase64String(i.Bytes)).ToArray());
        CollectionAssert.AreEqual(plain.Select(i => Convert.ToBase64String(i.Bytes)).ToArray(), asked.Select(i => Convert.ToBase64String(i.Bytes)).ToArray());
        Assert.HasCount(9, camera);
        Assert.IsTrue(camera.Skip(3).Zip(plain.Skip(3)).All(pair => !pair.First.Bytes.SequenceEqual(pair.Second.Bytes)), "every copy re-imaged");
    }

    [TestMethod]
    public void Augment_ShareOutsideZeroToOne_Throws()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CharacterAugmenter.Augment([], 0, 1, 1, lowResolutionShare: 1.5));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CharacterAugmenter.Augment([], 0, 1, 1, offsetCutShare: -0.1));
    }
}
