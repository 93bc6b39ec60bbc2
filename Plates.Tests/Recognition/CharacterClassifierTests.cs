using Plates.Consume.Recognition;

namespace Plates.Tests.Recognition;

/// <summary>Reading one character from several cuts of it averages the cuts' probabilities; every reading keeps its runners-up.</summary>
[TestClass]
public sealed class CharacterClassifierTests
{
    private static string ProvinceModel
    {
        get
        {
            string path = Path.Combine(PlateRecogniser.DefaultModelsFolder, PlateReader.ProvinceModelFile);
            if (!File.Exists(path)) Assert.Inconclusive($"The shipped province model is not at {path}.");
            return path;
        }
    }

    /// <summary>Two different 20×20 strokes: an upright bar and a crossbar.</summary>
    private static (byte[] Upright, byte[] Crossbar) TwoCuts()
    {
        var upright = new byte[400];
        var crossbar = new byte[400];
        for (int i = 3; i < 17; i++)
        for (int w = 8; w < 12; w++)
        {
            upright[i * 20 + w] = 255;
            crossbar[w * 20 + i] = 255;
        }
        return (upright, crossbar);
    }

    [TestMethod]
    public void ClassifyShifted_OneCut_ReadsAsTheSingleImage()
    {
        using var classifier = new CharacterClassifier(ProvinceModel);
        var (upright, _) = TwoCuts();

        var single = classifier.ClassifyShifted(upright);
        var listed = classifier.ClassifyShifted([upright]);

        Assert.AreEqual(single.Label, listed.Label);
        Assert.AreEqual(single.Confidence, listed.Confidence, 1e-6);
    }

    [TestMethod]
    public void ClassifyShifted_TwoCuts_AveragesTheirShiftedScores()
    {
        using var classifier = new CharacterClassifier(ProvinceModel);
        var (upright, crossbar) = TwoCuts();
        float[] a = classifier.ScoresShifted(upright), b = classifier.ScoresShifted(crossbar);
        var mean = a.Zip(b, (x, y) => (x + y) / 2).ToArray();
        int best = Array.IndexOf(mean, mean.Max());

        var read = classifier.ClassifyShifted([upright, crossbar]);

        Assert.AreEqual(classifier.Labels[best], read.Label);
        Assert.AreEqual(mean[best], read.Confidence, 1e-5);
    }

    /// <summary>
    /// The scores the classifier averages are its own for every shifted copy of every cut, however many of those it
    /// finds it has seen already (a bar that a whole-pixel shift leaves whole centres to the same image; a cut given
    /// twice is the same cut): the mean, in the same order, of <see cref="CharacterClassifier.Scores"/> of each.
    /// </summary>
    [TestMethod]
    public void ScoresShifted_CutsThatLookAlike_EqualsTheMeanOfEveryShiftedCopyScored()
    {
        using var classifier = new CharacterClassifier(ProvinceModel);
        var (upright, crossbar) = TwoCuts();
        byte[][] cuts = [upright, crossbar, upright];
        var expected = new float[classifier.Labels.Count];
        foreach (var cut in cuts)
        {
            var copies = new[] { cut, Shifted(cut, -1, 0), Shifted(cut, 1, 0), Shifted(cut, 0, -1), Shifted(cut, 0, 1) };
            var mean = classifier.Scores(copies[0]);
            foreach (var copy in copies.Skip(1))
            {
                var scores = classifier.Scores(copy);
                for (int i = 0; i < mean.Length; i++) mean[i] += scores[i];
            }
            for (int i = 0; i < mean.Length; i++) expected[i] += mean[i] / copies.Length;
        }
        for (int i = 0; i < expected.Length; i++) expected[i] /= cuts.Length;

        var averaged = classifier.ScoresShifted(cuts);

        CollectionAssert.AreEqual(expected, averaged);
    }

    /// <summary>The image moved by whole pixels, black where it moved from.</summary>
    private static byte[] Shifted(byte[] grey, int dx, int dy)
    {
        var moved = new byte[grey.Length];
        for (int y = 0; y < 20; y++)
        for (int x = 0; x < 20; x++)
            if (x - dx is >= 0 and < 20 && y - dy is >= 0 and < 20) moved[y * 20 + x] = grey[(y - dy) * 20 + x - dx];
        return moved;
    }

    [TestMethod]
    public void ClassifyShifted_NoCuts_Throws()
    {
        using var classifier = new CharacterClassifier(ProvinceModel);

        Assert.ThrowsExactly<ArgumentException>(() => classifier.ClassifyShifted(Array.Empty<byte[]>()));
    }

    [TestMethod]
    public void Classify_KeepsTheNextMostProbableLabelsInScoreOrder()
    {
        using var classifier = new CharacterClassifier(ProvinceModel);
        var (upright, _) = TwoCuts();
        float[] scores = classifier.Scores(upright);
        var expected = scores.Select((score, i) => (Label: classifier.Labels[i], Score: score))
            .OrderByDescending(c => c.Score).Take(CharacterClassifier.RunnersUpKept + 1).ToArray();

        var read = classifier.Classify(upright);

        Assert.AreEqual(expected[0].Label, read.Label);
        CollectionAssert.AreEqual(expected.Skip(1).Select(c => c.Label).ToArray(), read.RunnersUp.Select(r => r.Label).ToArray());
        CollectionAssert.AreEqual(expected.Skip(1).Select(c => c.Score).ToArray(), read.RunnersUp.Select(r => r.Confidence).ToArray());
    }

    [TestMethod]
    public void Shifted_RealCharacters_EqualsOpenCvsWarpByWholePixels()
    {
        string folder = Plates.Tests.TestSupport.TestData.RequireDataset("chars", "province");
        foreach (string file in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(60))
        {
            byte[] grey = Plates.Model.Features.CharacterFeatures.DecodeToGrey(File.ReadAllBytes(file));
            using var source = OpenCvSharp.Mat.FromPixelData(20, 20, OpenCvSharp.MatType.CV_8UC1, grey);
            foreach (var (dx, dy) in new[] { (-1, 0), (1, 0), (0, -1), (0, 1), (2, -3) })
            {
                using var shift = OpenCvSharp.Mat.FromPixelData(2, 3, OpenCvSharp.MatType.CV_64FC1, new double[] { 1, 0, dx, 0, 1, dy });
                using var moved = new OpenCvSharp.Mat();
                OpenCvSharp.Cv2.WarpAffine(source, moved, shift, source.Size(), OpenCvSharp.InterpolationFlags.Linear, OpenCvSharp.BorderTypes.Constant, OpenCvSharp.Scalar.All(0));
                moved.GetArray(out byte[] expected);

                CollectionAssert.AreEqual(expected, CharacterClassifier.Shifted(grey, dx, dy), $"{file} moved by ({dx}, {dy})");
            }
        }
    }
}
