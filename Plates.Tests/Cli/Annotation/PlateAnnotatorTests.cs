using OpenCvSharp;
using Plates.Consume;
using Plates.Cli.Annotation;
using Plates.Consume.Recognition;
using Plates.Tests.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Cli.Annotation;

/// <summary>Annotated copies of photos: same size, decodable, boxed and labelled with the full plate text.</summary>
[TestClass]
public sealed class PlateAnnotatorTests
{
    private const string CjkFont = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";

    [TestMethod]
    public void Save_RecognisedScene_WritesDecodableJpegOfThePhotoSizeChangedInsideThePlateBox()
    {
        using var photo = Cv2.ImRead(RecognitionData.RequireScene("粤TD1291"), ImreadModes.Color);
        var plates = SharedRecogniser.Instance.Recognise(photo).Plates;
        Assert.IsNotEmpty(plates);
        using var scratch = new TempFolder();
        string path = Path.Combine(scratch.Path, "nested", "annotated.jpg");

        PlateAnnotator.Save(photo, plates, path);

        using var written = Cv2.ImRead(path, ImreadModes.Color);
        Assert.IsFalse(written.Empty(), "the annotated file does not decode");
        Assert.AreEqual((photo.Width, photo.Height), (written.Width, written.Height));
        var box = Cv2.BoundingRect(plates[0].Corners.Select(p => new Point((int)p.X, (int)p.Y))) & new Rect(0, 0, photo.Width, photo.Height);
        Assert.IsGreaterThan(5.0, MeanAbsoluteDifference(photo, written, box), "the plate box looks unchanged");
        Assert.IsEmpty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp*"), "a temporary file was left behind");
    }

    [TestMethod]
    public void Save_NoPlates_WritesThePhotoUnchangedButForJpegLoss()
    {
        using var photo = Cv2.ImRead(RecognitionData.RequireScene("粤TD1291"), ImreadModes.Color);
        using var scratch = new TempFolder();
        string path = scratch.Combine("plain.png");

        PlateAnnotator.Save(photo, [], path);

        using var written = Cv2.ImRead(path, ImreadModes.Color);
        Assert.AreEqual(0.0, MeanAbsoluteDifference(photo, written, new Rect(0, 0, photo.Width, photo.Height)));
    }

    /// <summary>
    /// With a CJK font the label is "粤TD1291 0.99" and its first glyph is drawn: the label drawn for the full text must
    /// be wider than the one drawn for the text without its province, and differ from it where the province goes.
    /// </summary>
    [TestMethod]
    public void Draw_WithCjkFont_DrawsTheProvinceCharacter()
    {
        if (!File.Exists(CjkFont)) Assert.Inconclusive($"{CjkFont} is not installed (Debian package fonts-droid-fallback).");
        using var withProvince = DrawSyntheticPlate("粤TD1291");
        using var withoutProvince = DrawSyntheticPlate("TD1291");

        int inkedWith = InkedColumns(withProvince), inkedWithout = InkedColumns(withoutProvince);

        Assert.IsGreaterThan(inkedWithout + 10, inkedWith, $"label columns: {inkedWith} with the province, {inkedWithout} without");
    }

    [TestMethod]
    public void Draw_PlateAtTheTopEdge_PutsTheLabelBelowTheBoxInsideThePhoto()
    {
        using var canvas = new Mat(200, 400, MatType.CV_8UC3, Scalar.All(0));
        var plate = Plate("粤TD1291", new RotatedRect(new Point2f(200, 20), new Size2f(140, 36), 0));

        PlateAnnotator.Draw(canvas, [plate]);

        using var below = canvas[new Rect(0, 42, 400, 158)];
        Assert.IsGreaterThan(0, Cv2.CountNonZero(below.Reshape(1)), "nothing was drawn below the box");
    }

    private static Mat DrawSyntheticPlate(string text)
    {
        var canvas = new Mat(200, 400, MatType.CV_8UC3, Scalar.All(0));
        PlateAnnotator.Draw(canvas, [Plate(text, new RotatedRect(new Point2f(200, 140), new Size2f(140, 36), 0))]);
        return canvas;
    }

    /// <summary>Columns of the band above the box (where the label goes) holding any non-black pixel.</summary>
    private static int InkedColumns(Mat canvas)
    {
        using var band = canvas[new Rect(0, 0, canvas.Width, 118)];
        using var grey = new Mat();
        Cv2.CvtColor(band, grey, ColorConversionCodes.BGR2GRAY);
        using var columns = new Mat();
        Cv2.Reduce(grey, columns, ReduceDimension.Row, ReduceTypes.Max, MatType.CV_8U);
        return Cv2.CountNonZero(columns);
    }

    private static RecognisedPlate Plate(string text, RotatedRect box) =>
        new(text, 0.97, text.Select(c => new CharacterPrediction(c.ToString(), 0.97f)).ToArray(), box, box.Points(), PlateColor.Blue,
            IsLowConfidence: false, new StageTimings(0, 0, 0, 0));

    private static double MeanAbsoluteDifference(Mat a, Mat b, Rect region)
    {
        using var left = a[region];
        using var right = b[region];
        using var difference = new Mat();
        Cv2.Absdiff(left, right, difference);
        var mean = Cv2.Mean(difference);
        return (mean.Val0 + mean.Val1 + mean.Val2) / 3;
    }
}
