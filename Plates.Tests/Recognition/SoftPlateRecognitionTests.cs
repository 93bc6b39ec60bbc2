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
}
