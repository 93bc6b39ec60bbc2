using Plates.Model.Data;
using Plates.Cli.Evaluation;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Cli.Evaluation;

/// <summary>Reading EasyPR's GroundTruth.xml: boxes and texts per photo, clear errors naming the file, untagged photos.</summary>
[TestClass]
public sealed class SceneGroundTruthTests
{
    private const string TwoPhotos = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tagset>
        	<image>
        		<imageName>京A88731</imageName>
        		<taggedRectangles>
        			<taggedRectangle x="170" y="184" width="96" height="27" rotation="-1" locateType="1">蓝牌:京A88731</taggedRectangle>
        		</taggedRectangles>
        	</image>
        	<image>
        		<imageName>沪A51V39</imageName>
        		<taggedRectangles>
        			<taggedRectangle x="959.5" y="810" width="118" height="27" rotation="-3" locateType="0">蓝牌:沪A51V39</taggedRectangle>
        			<taggedRectangle x="842" y="237" width="80" height="19" rotation="0" locateType="0">黄牌:苏E372XN</taggedRectangle>
        		</taggedRectangles>
        	</image>
        </tagset>
        """;

    [TestMethod]
    public void Load_ValidFile_GivesEachPhotoItsBoxesAsCentreSizeAngleAndPlateTextWithoutColour()
    {
        using var folder = new TempFolder();
        string path = folder.Combine(SceneGroundTruth.FileName);
        File.WriteAllText(path, TwoPhotos);

        var truth = SceneGroundTruth.Load(path);

        Assert.AreEqual(path, truth.Path);
        Assert.HasCount(2, truth.Photos);
        Assert.IsTrue(truth.TryGetPlates("京A88731.jpg", out var one));
        Assert.HasCount(1, one);
        Assert.AreEqual("京A88731", one[0].Text);
        Assert.AreEqual(170f, one[0].Box.Center.X);
        Assert.AreEqual(184f, one[0].Box.Center.Y);
        Assert.AreEqual(96f, one[0].Box.Size.Width);
        Assert.AreEqual(27f, one[0].Box.Size.Height);
        Assert.AreEqual(-1f, one[0].Box.Angle);
        Assert.IsTrue(truth.TryGetPlates("/any/folder/沪A51V39.JPG", out var two), "Looked up by file name without extension, any case of extension.");
        CollectionAssert.AreEqual(new[] { "沪A51V39", "苏E372XN" }, two.Select(p => p.Text).ToArray());
        Assert.AreEqual(959.5f, two[0].Box.Center.X);
    }

    [TestMethod]
    public void Load_NotWellFormedXml_ThrowsInvalidDataNamingTheFileAndLine()
    {
        using var folder = new TempFolder();
        string path = folder.Combine(SceneGroundTruth.FileName);
        File.WriteAllText(path, TwoPhotos.Replace("</tagset>", ""));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => SceneGroundTruth.Load(path));

        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, "line");
    }

    [TestMethod]
    public void Load_RectangleWithANonNumericCoordinate_ThrowsInvalidDataNamingFilePhotoAndValue()
    {
        using var folder = new TempFolder();
        string path = folder.Combine(SceneGroundTruth.FileName);
        File.WriteAllText(path, TwoPhotos.Replace("x=\"170\"", "x=\"1,70\""));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => SceneGroundTruth.Load(path));

        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, "京A88731");
        StringAssert.Contains(error.Message, "x=\"1,70\"");
    }

    [TestMethod]
    public void TryGetPlates_PhotoNotInTheFile_ReturnsFalseWithNoPlates()
    {
        using var folder = new TempFolder();
        string path = folder.Combine(SceneGroundTruth.FileName);
        File.WriteAllText(path, TwoPhotos);

        var truth = SceneGroundTruth.Load(path);

        Assert.IsFalse(truth.TryGetPlates("粤B12345.jpg", out var plates));
        Assert.IsEmpty(plates);
    }

    [TestMethod]
    public void LoadIfPresent_FolderWithoutTheFile_ReturnsNull()
    {
        using var folder = new TempFolder();

        Assert.IsNull(SceneGroundTruth.LoadIfPresent(folder.Path));
    }

    [TestMethod]
    public void NamedPlate_TagDiffersFromTheFileNameByOneCharacter_PicksThatTagOverTheOtherPlates()
    {
        TaggedPlate[] tagged =
        [
            new(new OpenCvSharp.RotatedRect(new(100, 100), new(100, 30), 0), "津E24494"),
            new(new OpenCvSharp.RotatedRect(new(500, 100), new(100, 30), 0), "粤0A9112"),
        ];

        Assert.AreSame(tagged[1], SceneGroundTruth.NamedPlate(tagged, "粤OA9112"));
    }

    [TestMethod]
    public void Load_SharedScenesGroundTruth_TagsEveryPhotoOfTheFolder()
    {
        string scenes = TestData.RequireDataset("scenes");
        string path = Path.Combine(scenes, SceneGroundTruth.FileName);
        if (!File.Exists(path)) Assert.Inconclusive($"{path} not found.");

        var truth = SceneGroundTruth.Load(path);

        var untagged = ImageFileTypes.InFolder(scenes).Where(f => !truth.TryGetPlates(f, out _)).ToArray();
        Assert.IsEmpty(untagged, string.Join(", ", untagged));
        Assert.AreEqual(148, truth.Photos.Sum(p => truth.TryGetPlates(p, out var plates) ? plates.Count : 0));
    }
}
