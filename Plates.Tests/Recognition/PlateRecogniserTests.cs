using OpenCvSharp;
using Plates.Consume;
using Plates.Consume.Layout;
using Plates.Consume.Recognition;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Recognition;

/// <summary>The whole pipeline on real scenes with the shipped models: text, colour, place, and every way to hand in a photo.</summary>
[TestClass]
public sealed class PlateRecogniserTests
{
    [TestMethod]
    [DataRow("苏BGG522")]
    [DataRow("粤TD1291")]
    [DataRow("黑A1R272")]
    public void Recognise_BluePlateScene_ReturnsPlateText(string plate)
    {
        string path = RecognitionData.RequireScene(plate);
        var truth = RecognitionData.RequireGroundTruthBox(plate);

        var result = SharedRecogniser.Instance.Recognise(path);

        var read = result.Plates.SingleOrDefault(p => p.Text == plate);
        Assert.IsNotNull(read, $"read: {RecognitionData.Describe(result)}");
        Assert.AreEqual(PlateColor.Blue, read.Color);
        Assert.HasCount(7, read.Characters);
        Assert.IsGreaterThan(0.9, read.Confidence);
        Assert.IsTrue(RecognitionData.Contains(read.Box, truth.Center), $"box {read.Box.Center} {read.Box.Size} does not contain the tagged centre {truth.Center}");
        Assert.HasCount(4, read.Corners);
        Assert.IsGreaterThan(0, result.TotalMs);
    }

    [TestMethod]
    [DataRow("苏BGG522")]
    [DataRow("粤TD1291")]
    public void Recognise_PathBytesAndMat_GiveTheSamePlates(string plate)
    {
        string path = RecognitionData.RequireScene(plate);
        using var photo = Cv2.ImRead(path, ImreadModes.Color);

        string fromPath = RecognitionData.Describe(SharedRecogniser.Instance.Recognise(path));
        string fromBytes = RecognitionData.Describe(SharedRecogniser.Instance.Recognise(File.ReadAllBytes(path)));
        string fromMat = RecognitionData.Describe(SharedRecogniser.Instance.Recognise(photo));

        StringAssert.Contains(fromPath, plate);
        Assert.AreEqual(fromPath, fromBytes);
        Assert.AreEqual(fromPath, fromMat);
    }

    [TestMethod]
    public void Recognise_Mat_LeavesTheMatUnchanged()
    {
        using var photo = Cv2.ImRead(RecognitionData.RequireScene("粤TD1291"), ImreadModes.Color);
        using var before = photo.Clone();

        SharedRecogniser.Instance.Recognise(photo);

        using var difference = new Mat();
        Cv2.Absdiff(photo, before, difference);
        Assert.AreEqual(0, Cv2.CountNonZero(difference.Reshape(1)));
    }

    /// <summary>
    /// Grey photos lose the blue that localisation leans on: 粤TD1291 and 京A88731 are still read in grey (their colour
    /// then comes out Black or Unknown), 苏BGG522 (a small plate in a 1920×1078 photo) is not found at all in grey.
    /// </summary>
    [TestMethod]
    [DataRow("粤TD1291", "grey")]
    [DataRow("京A88731", "grey")]
    [DataRow("苏BGG522", "16-bit")]
    [DataRow("苏BGG522", "bgra")]
    [DataRow("粤TD1291", "16-bit")]
    [DataRow("粤TD1291", "bgra")]
    public void Recognise_OtherPixelFormatsOfAReadableScene_ReturnTheSameText(string plate, string format)
    {
        using var bgr = Cv2.ImRead(RecognitionData.RequireScene(plate), ImreadModes.Color);
        using var converted = new Mat();
        switch (format)
        {
            case "grey": Cv2.CvtColor(bgr, converted, ColorConversionCodes.BGR2GRAY); break;
            case "16-bit": bgr.ConvertTo(converted, MatType.CV_16UC3, 257); break;
            case "bgra": Cv2.CvtColor(bgr, converted, ColorConversionCodes.BGR2BGRA); break;
        }
        Assert.AreEqual(format switch { "grey" => MatType.CV_8UC1, "16-bit" => MatType.CV_16UC3, _ => MatType.CV_8UC4 }, converted.Type());

        var result = SharedRecogniser.Instance.Recognise(converted);

        CollectionAssert.Contains(result.Plates.Select(p => p.Text).ToArray(), plate, RecognitionData.Describe(result));
    }

    [TestMethod]
    public void Recognise_SixteenBitAndBgraVersions_MatchTheBgrResultExactly()
    {
        using var bgr = Cv2.ImRead(RecognitionData.RequireScene("粤TD1291"), ImreadModes.Color);
        using var sixteen = new Mat();
        bgr.ConvertTo(sixteen, MatType.CV_16UC3, 257);
        using var bgra = new Mat();
        Cv2.CvtColor(bgr, bgra, ColorConversionCodes.BGR2BGRA);

        string expected = RecognitionData.Describe(SharedRecogniser.Instance.Recognise(bgr));

        Assert.AreEqual(expected, RecognitionData.Describe(SharedRecogniser.Instance.Recognise(sixteen)));
        Assert.AreEqual(expected, RecognitionData.Describe(SharedRecogniser.Instance.Recognise(bgra)));
    }

    [TestMethod]
    [DataRow("blank")]
    [DataRow("noise")]
    public void Recognise_ImageWithoutPlates_ReturnsNoPlates(string kind)
    {
        byte[] pixels = new byte[480 * 640 * 3];
        if (kind == "noise") new Random(12345).NextBytes(pixels);
        else Array.Fill(pixels, (byte)128);
        using var image = Mat.FromPixelData(480, 640, MatType.CV_8UC3, pixels);

        var result = SharedRecogniser.Instance.Recognise(image);

        Assert.IsEmpty(result.Plates, RecognitionData.Describe(result));
    }

    [TestMethod]
    public void Recognise_EmptyMat_ThrowsArgumentException()
    {
        using var empty = new Mat();

        Assert.ThrowsExactly<ArgumentException>(() => SharedRecogniser.Instance.Recognise(empty));
    }

    [TestMethod]
    public void RecognisePlateImage_RealCrop_ReadsItsText()
    {
        string crops = RecognitionData.RequireFolder("crops");
        string? file = Directory.GetFiles(crops).FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == "浙D335DZ");
        if (file is null) Assert.Inconclusive("浙D335DZ is not in the crops data set.");
        using var crop = Cv2.ImRead(file, ImreadModes.Color);

        var plate = SharedRecogniser.Instance.RecognisePlateImage(crop);

        Assert.IsNotNull(plate);
        Assert.AreEqual(7, plate.Text.Length);
        Assert.IsLessThanOrEqualTo(1, Plates.Cli.Evaluation.PlateText.Errors("浙D335DZ", plate.Text), plate.Text);
    }

    /// <summary>
    /// The direct cut of 皖AF7777 loses the bars of its last two 7s to the frame line they touch and reads them as sure
    /// 1s; the crop's second, deskewed cut keeps them. It must be read although the first reading is sure.
    /// </summary>
    [TestMethod]
    [DataRow("皖AF7777")]
    public void RecognisePlateImage_SureFirstCutWithCharactersCutShort_SecondCutIsStillRead(string plate)
        => AssertCropReadsAsItsName(plate);

    /// <summary>
    /// On these tight crops the characters found inside would move the deskewed cut's borders off the Chinese character
    /// and onto the frame's side, shifting the row by one (read as 冀A892A1 and 蒙HJ66L1); the crop's own borders are kept.
    /// </summary>
    [TestMethod]
    [DataRow("皖AA892A")]
    [DataRow("皖AJ660Z")]
    public void RecognisePlateImage_TightCrop_SecondCutKeepsTheCropsBorders(string plate)
        => AssertCropReadsAsItsName(plate);

    /// <summary>
    /// The first box of 苏CTF181 is cut one character off: the frame's right side is taken for the last character and F
    /// is left in a gap, and the row reads surely as 苏C11811 with 6 % of the band's ink outside the boxes. A sure reading
    /// from a cut that leaves that much out is cut again (<see cref="RecogniserOptions.RetryFitShareBelow"/>); without
    /// that rule the wrong reading stands.
    /// </summary>
    [TestMethod]
    public void Recognise_SureReadingFromACutThatLeavesInkOut_IsCutAgainFromTheOtherBoxes()
    {
        string path = RecognitionData.RequireScene("苏CTF181");

        var texts = SharedRecogniser.Instance.Recognise(path).Plates.Select(p => p.Text).ToArray();
        using var trusting = new PlateRecogniser(options: new RecogniserOptions { RetryFitShareBelow = 0 });
        var trustingTexts = trusting.Recognise(path).Plates.Select(p => p.Text).ToArray();

        CollectionAssert.Contains(texts, "苏CTF181", string.Join(", ", texts));
        CollectionAssert.DoesNotContain(trustingTexts, "苏CTF181", string.Join(", ", trustingTexts));
    }

    /// <summary>
    /// 皖AHN713 is turned about 10° inside its crop: approximated by a vertical shear, its characters lean and the band
    /// search settles on the scenery above (read as 赣TTQ811); the cut turned by the measured tilt reads it.
    /// </summary>
    [TestMethod]
    [DataRow("皖AHN713")]
    public void RecognisePlateImage_PlateTurnedInsideTheCrop_IsReadFromACutTurnedByItsTilt(string plate)
        => AssertCropReadsAsItsName(plate);

    private static void AssertCropReadsAsItsName(string plate, string folder = "crops")
    {
        using var crop = RequireCrop(plate, folder);

        var read = SharedRecogniser.Instance.RecognisePlateImage(crop);

        Assert.IsNotNull(read);
        Assert.AreEqual(plate, read.Text);
    }

    /// <summary>
    /// Read letter by letter these crops have three letters in their serial (皖AUB33R, 皖AKKT23), which GA 36 never
    /// issues: the letter the model is least sure of over a digit is read as that digit (PlateFormat.MaxSerialLetters).
    /// </summary>
    [TestMethod]
    [DataRow("皖AU833R", "皖AUB33R")]
    [DataRow("皖AKK123", "皖AKKT23")]
    public void RecognisePlateImage_SerialReadWithThreeLetters_ReadsTheLeastSureLetterAsADigit(string plate, string unlimited)
    {
        using var crop = RequireCrop(plate);
        var formats = PlateFormats.All.Select(f => f == PlateFormats.Standard ? f with { MaxSerialLetters = null } : f).ToArray();
        using var withoutLimit = new PlateRecogniser(options: new RecogniserOptions { Formats = formats });

        Assert.AreEqual(plate, SharedRecogniser.Instance.RecognisePlateImage(crop)?.Text);
        Assert.AreEqual(unlimited, withoutLimit.RecognisePlateImage(crop)?.Text);
    }

    /// <summary>
    /// The plate-wide threshold lost the right half of the last character (the dim right loop of 8, the right stem of
    /// N), so its refined box is tight on the left half and read 汉/E and A; the cut carried to the layout's end for it,
    /// thresholded on its own, reads it whole (CharacterSegmenter.LastCharacterReach).
    /// </summary>
    [TestMethod]
    [DataRow("浙D97V98")]
    [DataRow("浙A352BN")]
    public void RecognisePlateImage_LastCharacterWhoseRightPartThePlateThresholdLost_IsReadFromTheCutReachingTheLayoutsEnd(string plate)
        => AssertCropReadsAsItsName(plate, "crops-zj");

    /// <summary>
    /// The frame's right side stops inside the character rows and stands beside the last 0: the box was built on it and
    /// read 1; the row now ends before it (FrameRemoval.RightSideStart).
    /// </summary>
    [TestMethod]
    [DataRow("浙AE2Q80")]
    public void RecognisePlateImage_FrameSideStoppingInsideTheRowBesideTheLastCharacter_IsLeftOutOfItsBox(string plate)
        => AssertCropReadsAsItsName(plate, "crops-zj");

    private static Mat RequireCrop(string plate, string folder = "crops")
    {
        string crops = RecognitionData.RequireFolder(folder);
        string? file = Directory.GetFiles(crops).FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == plate);
        if (file is null) Assert.Inconclusive($"{plate} is not in the {folder} data set.");
        return Cv2.ImRead(file, ImreadModes.Color);
    }
}
