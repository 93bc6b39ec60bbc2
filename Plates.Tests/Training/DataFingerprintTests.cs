using Plates.Model.Labels;
using Plates.Train.Data;

namespace Plates.Tests.Training;

[TestClass]
public sealed class DataFingerprintTests
{
    private static readonly LabelledImage[] s_images =
    [
        new("/data/city/A/1.png", "A", [1, 2, 3]),
        new("/data/city/A/2.png", "A", [4, 5]),
        new("/data/city/B/1.png", "B", [6]),
    ];

    [TestMethod]
    public void Of_SameFilesElsewhereAndListedInAnotherOrder_IsTheSame()
    {
        var moved = s_images.Reverse().Select(i => i with { Path = i.Path.Replace("/data/city", "/elsewhere/copy") });

        Assert.AreEqual(DataFingerprint.Of(s_images, LabelSets.City, "/data/city"), DataFingerprint.Of(moved, LabelSets.City, "/elsewhere/copy"));
        StringAssert.Matches(DataFingerprint.Of(s_images, LabelSets.City, "/data/city"), new System.Text.RegularExpressions.Regex("^sha256:[0-9a-f]{64}$"));
    }

    [TestMethod]
    public void Of_AnEditedRenamedRelabelledOrMissingImageOrAnotherLabelSet_Differs()
    {
        string original = DataFingerprint.Of(s_images, LabelSets.City, "/data/city");
        LabelledImage[][] changed =
        [
            [s_images[0] with { Bytes = [1, 2, 4] }, s_images[1], s_images[2]],
            [s_images[0] with { Path = "/data/city/A/renamed.png" }, s_images[1], s_images[2]],
            [s_images[0], s_images[1] with { Path = "/data/city/B/2.png", Label = "B" }, s_images[2]],
            [s_images[0], s_images[1]],
        ];

        foreach (var images in changed)
            Assert.AreNotEqual(original, DataFingerprint.Of(images, LabelSets.City, "/data/city"));
        Assert.AreNotEqual(original, DataFingerprint.Of(s_images, LabelSets.Alnum, "/data/city"));
    }
}
