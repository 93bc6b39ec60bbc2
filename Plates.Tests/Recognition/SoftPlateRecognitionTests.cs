using OpenCvSharp;
using Plates.Consume.Imaging;
using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>Soft plates sharpened before they are cut (<see cref="SharpeningOptions"/>), on real scenes blurred as an out-of-focus camera sees them.</summary>
[TestClass]
public sealed class SoftPlateRecognitionTests
{
    // Three of the ten scenes that, blurred by 1.5 pixels with OpenCV, read exactly with the sharpening and not without
    // it (two went the other way: README, "Soft plates sharpened").
    [TestMethod]
    [DataRow("京A88731")]
    [DataRow("粤B5W601")]
    [DataRow("苏A20Q03")]
    public void Recognise_BlurredScene_IsReadExactlyOnlyWithSoftPlatesSharpened(string plate)
    {
        using var photo = Cv2.ImRead(RecognitionData.RequireScene(plate), ImreadModes.Color);
        using var blurred = new Mat();
        Cv2.GaussianBlur(photo, blurred, new Size(0, 0), 1.5);
        using var unsharpened = new PlateRecogniser(options: new RecogniserOptions
        {
            Segmenter = new() { Sharpening = new SharpeningOptions { SoftBelow = 0 } },
        });

        var sharpenedRead = SharedRecogniser.Instance.Recognise(blurred);
        var plainRead = unsharpened.Recognise(blurred);

        Assert.IsTrue(sharpenedRead.Plates.Any(p => p.Text == plate), $"read: {RecognitionData.Describe(sharpenedRead)}");
        Assert.IsFalse(plainRead.Plates.Any(p => p.Text == plate), $"read without sharpening: {RecognitionData.Describe(plainRead)}");
    }

    // The one crop of the 200 that, blurred by 0.7 pixels with OpenCV, reads its first character right only when its
    // Chinese box is judged alone (and none the other way).
    [TestMethod]
    public void RecognisePlateImage_BlurredCropWhoseChineseCharacterAloneIsSoft_ReadsItFromTheSharpenedPlate()
    {
        const string plate = "豫DYA080";
        string file = Path.Combine(RecognitionData.RequireFolder("crops"), plate + ".jpg");
        if (!File.Exists(file)) Assert.Inconclusive($"{file} not found.");
        using var crop = Cv2.ImRead(file, ImreadModes.Color);
        using var blurred = new Mat();
        Cv2.GaussianBlur(crop, blurred, new Size(0, 0), 0.7);
        using var wholePlateOnly = new PlateRecogniser(options: new RecogniserOptions
        {
            Segmenter = new() { Sharpening = new SharpeningOptions { JudgeChineseBoxAlone = false } },
        });

        var judgedAlone = SharedRecogniser.Instance.RecognisePlateImage(blurred);
        var judgedWhole = wholePlateOnly.RecognisePlateImage(blurred);

        Assert.AreEqual(plate[0], judgedAlone?.Text[0], $"read: {judgedAlone?.Text}");
        Assert.IsNotNull(judgedWhole, "the plate judged whole only should still be read, with another first character");
        Assert.AreNotEqual(plate[0], judgedWhole.Text[0], $"read with the plate judged whole only: {judgedWhole.Text}");
    }
}
