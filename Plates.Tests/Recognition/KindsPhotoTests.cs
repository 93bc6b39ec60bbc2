using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Layout;
using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>
/// The photos of other plate kinds in ../shared/datasets/kinds (file name = plate, read by eye), read end to end with
/// the shipped models: each photo listed reads exactly, as its kind (README, "Plate kinds"). The photos not listed
/// are the ones it still misses; the README lists them with the reason.
/// </summary>
[TestClass]
public sealed class KindsPhotoTests
{
    [TestMethod]
    [DataRow("京EA5331.jpg", PlateKind.TwoRow)]
    [DataRow("使198476.jpg", PlateKind.Embassy)]
    [DataRow("川A8H458.png", PlateKind.Standard)]
    [DataRow("沪A1707领.jpg", PlateKind.Consulate)]
    [DataRow("沪AF71017.jpg", PlateKind.NewEnergySmall)]
    [DataRow("粤NBM959.png", PlateKind.Standard)]
    [DataRow("粤ZBD60港.jpg", PlateKind.HongKongMacau)] // classed blue, its Z read K at first: brought in by its 粤
    [DataRow("粤ZEV52港.jpg", PlateKind.HongKongMacau)]
    [DataRow("黑AD03210.jpg", PlateKind.NewEnergySmall)]
    [DataRow("青A00109D.jpg", PlateKind.NewEnergyLarge)]
    [DataRow("鄂F8888警.jpg", PlateKind.Police)] // on a black holder (a solid block) with its dot after the province
    public void Recognise_KindsPhoto_ReadsItsPlateExactlyAsItsKind(string file, PlateKind kind)
    {
        string path = Path.Combine(TestData.RequireDataset("kinds"), file);
        string expected = Path.GetFileNameWithoutExtension(file);

        var plates = SharedRecogniser.Instance.Recognise(path).Plates;

        var read = plates.FirstOrDefault(p => p.Text == expected);
        Assert.IsNotNull(read, $"{file}: read {string.Join(", ", plates.Select(p => $"{p.Text} ({p.Kind})"))}");
        Assert.AreEqual(kind, read.Kind);
    }

    [TestMethod]
    public void Recognise_PolicePlateDarkenedInItsBlackHolder_IsReadAsTheWhitePlateItIs()
    {
        // Darkened, the white police plate and the black holder around it are classed black together: read as black
        // (white characters) the cut lands on the background, read as white too (RecogniserOptions.CastColours) it reads.
        using var photo = Cv2.ImRead(Path.Combine(TestData.RequireDataset("kinds"), "鄂F8888警.jpg"));
        using var darkened = Darkened(photo, 0.65);
        var withoutCast = new RecogniserOptions { CastColours = new RecogniserOptions().CastColours.Where(c => c.Key != PlateColor.Black).ToDictionary() };
        using var uncast = new PlateRecogniser(options: withoutCast);

        Assert.IsFalse(uncast.Recognise(darkened).Plates.Any(p => p.Text == "鄂F8888警"));
        var read = SharedRecogniser.Instance.Recognise(darkened).Plates.FirstOrDefault(p => p.Text == "鄂F8888警");
        Assert.IsNotNull(read);
        Assert.AreEqual(PlateKind.Police, read.Kind);
        Assert.AreEqual(PlateColor.White, read.Color);
    }

    /// <summary>The photo with its lightness scaled, as a dimmer exposure gives it (ImageMagick's -modulate does the same).</summary>
    private static Mat Darkened(Mat bgr, double lightness)
    {
        using var hls = new Mat();
        Cv2.CvtColor(bgr, hls, ColorConversionCodes.BGR2HLS);
        var channels = Cv2.Split(hls);
        try
        {
            channels[1].ConvertTo(channels[1], MatType.CV_8U, lightness);
            Cv2.Merge(channels, hls);
        }
        finally
        {
            foreach (var channel in channels) channel.Dispose();
        }

        var darkened = new Mat();
        Cv2.CvtColor(hls, darkened, ColorConversionCodes.HLS2BGR);
        return darkened;
    }
}
