using Plates.Model.Data;
using Plates.Tests.TestSupport;
using Plates.Train.Data;

namespace Plates.Tests.Training;

/// <summary>
/// Harvesting cuts labelled plate crops with the recogniser's own segmenter: the characters of a crop whose cut reads as
/// its label are filed under the label's characters, a crop whose label disagrees gives none, and a held-out crop is
/// never cut. The crops are drawn by the test from real character crops, so the answer is known.
/// </summary>
[TestClass]
public sealed class CharacterHarvesterTests
{
    private const string Plate = "浙B12345";

    [TestMethod]
    public void Harvest_CropThatReadsAsItsLabel_KeepsItsSevenCharactersInPlateOrder()
    {
        using var temp = new TempFolder();
        string crop = LabelledCrops.Write(temp.Combine("crops"), Plate, Plate);
        using var harvester = new CharacterHarvester(TestData.ShippedModels, minAgreement: 5);

        var plate = harvester.Harvest(crop);

        Assert.IsNull(plate.Rejected, plate.Rejected);
        Assert.AreEqual(Plate, plate.Label);
        Assert.HasCount(7, plate.Characters);
        Assert.IsGreaterThanOrEqualTo(5, plate.Agreement);
        Assert.IsTrue(plate.Characters.All(c => c.Length == 400 && c.Any(p => p > 127)), "each a 20×20 crop with ink");
    }

    [TestMethod]
    public void HarvestRun_WithChineseViews_FilesTheFirstCharactersOtherViewsBesideItEachDistinct()
    {
        using var temp = new TempFolder();
        string folder = temp.Combine("camera");
        LabelledCrops.Write(folder, Plate, Plate);
        string root = temp.Combine("harvest");
        using var harvester = new CharacterHarvester(TestData.ShippedModels, minAgreement: 5, chineseViews: true);

        var summary = HarvestRun.Run([folder], root, harvester);

        string province = Path.Combine(root, "province", Plate[..1]);
        var views = Directory.GetFiles(province, $"camera-{Plate}-0-view*.png");
        Assert.IsNotEmpty(views, "the stricter or wider cut of the first character differs from the usual one");
        Assert.AreEqual(7 + views.Length, summary.Folders.Single().Characters);
        var images = Directory.GetFiles(province).Select(f => Convert.ToBase64String(File.ReadAllBytes(f))).ToArray();
        Assert.AreEqual(images.Length, images.Distinct().Count(), "no view repeats another image of the crop");
        Assert.IsTrue(views.All(v => StratifiedSplit.ViewOf(v) == $"camera-{Plate}-0.png"), "each is a view of the usual cut for the split");
        Assert.IsFalse(Directory.GetFiles(Path.Combine(root, "city"), "*view*", SearchOption.AllDirectories).Any(), "only the first character has views");
    }

    [TestMethod]
    public void HarvestRun_WithSoftenings_FilesEachBlurredCutsCharactersAsViewsOfTheCropsOwn()
    {
        using var temp = new TempFolder();
        string folder = temp.Combine("camera");
        LabelledCrops.Write(folder, Plate, Plate);
        string root = temp.Combine("harvest");
        using var harvester = new CharacterHarvester(TestData.ShippedModels, minAgreement: 5, softenings: [0.7, 1.0]);

        var summary = HarvestRun.Run([folder], root, harvester);

        var plate = harvester.Harvest(Path.Combine(folder, Plate + ".png"));
        Assert.HasCount(2, plate.SoftCopies, "the drawn crop still reads as its label at both blurs");
        Assert.IsTrue(plate.SoftCopies.All(copy => copy.Count == 7), "each blurred cut gives the whole plate");
        Assert.IsTrue(plate.SoftCopies.Any(copy => !copy.Select(Convert.ToBase64String).SequenceEqual(plate.Characters.Select(Convert.ToBase64String))),
            "blurring changes what the segmenter cuts");
        Assert.AreEqual(7 * 3, summary.Folders.Single().Characters);
        for (int i = 0; i < 7; i++)
        {
            string model = HarvestRun.ModelOf(i).Name;
            var views = Directory.GetFiles(Path.Combine(root, model, Plate[i].ToString()), $"camera-{Plate}-{i}-view*.png");
            Assert.HasCount(2, views, $"position {i}");
            Assert.IsTrue(views.All(v => StratifiedSplit.ViewOf(v) == $"camera-{Plate}-{i}.png"), "the split keeps them beside the unblurred cut");
        }
        StringAssert.Contains(File.ReadAllText(Path.Combine(root, DataSource.HarvestSummary)), "σ 0.7, 1 pixels");
    }

    [TestMethod]
    public void Constructor_SofteningOutsideItsRange_IsRefused()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new CharacterHarvester(TestData.ShippedModels, minAgreement: 5, softenings: [0]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new CharacterHarvester(TestData.ShippedModels, minAgreement: 5, softenings: [double.NaN]));
    }

    [TestMethod]
    public void HarvestRun_FolderOfCrops_FilesAgreeingCharactersUnderTheirLabelsRejectsADisagreeingLabelAndSkipsHeldOutNames()
    {
        using var temp = new TempFolder();
        string folder = temp.Combine("camera");
        const string wrong = "沪C98760", heldOut = "京A12345";
        Assert.IsFalse(HeldOutSplit.IsHeldOut(Plate + ".png"), "precondition: the agreeing crop is one training may use");
        Assert.IsFalse(HeldOutSplit.IsHeldOut(wrong + ".png"), "precondition: so is the mislabelled one");
        Assert.IsTrue(HeldOutSplit.IsHeldOut(heldOut + ".png"), "precondition: this name is held out");
        LabelledCrops.Write(folder, Plate, Plate);
        LabelledCrops.Write(folder, Plate, wrong);
        LabelledCrops.Write(folder, heldOut, heldOut);
        string root = temp.Combine("harvest");
        using var harvester = new CharacterHarvester(TestData.ShippedModels, minAgreement: 5);

        var summary = HarvestRun.Run([folder], root, harvester);

        var counts = summary.Folders.Single();
        Assert.AreEqual((3, 1, 1, 1, 7), (counts.Crops, counts.HeldOut, counts.Harvested, counts.Rejected, counts.Characters));
        for (int i = 0; i < 7; i++)
        {
            string model = i switch { 0 => "province", 1 => "city", _ => "alnum" };
            string file = Path.Combine(root, model, Plate[i].ToString(), $"camera-{Plate}-{i}.png");
            Assert.IsTrue(File.Exists(file), file);
        }
        var written = Directory.GetFiles(root, "*.png", SearchOption.AllDirectories);
        Assert.HasCount(7, written, string.Join("\n", written));
        Assert.IsFalse(written.Any(f => f.Contains(wrong) || f.Contains(heldOut)), "neither the mislabelled nor the held-out crop gave a character");
        StringAssert.Contains(summary.Rejected.Single().Rejected, "as labelled");
        string markdown = File.ReadAllText(Path.Combine(root, DataSource.HarvestSummary));
        StringAssert.Contains(markdown, $"camera/{wrong}.png");
        Assert.AreEqual(DataSourceKind.Harvested, DataSource.KindOf(root), "the summary marks the root as harvested for the training reports");
    }
}
