using Plates.Model.Data;
using Plates.Tests.TestSupport;
using Plates.Train.Data;

namespace Plates.Tests.Training;

/// <summary>
/// Harvesting located photos of other plate kinds (train harvest --photos): the plate is found and cut on the layout of
/// the format its label fits, each character is filed under the model that reads its position in that format (a
/// special plate's 领 under special/), the photo is cut again as other cameras would see it, and nothing is held out.
/// On the kinds photos, whose labels were read by eye.
/// </summary>
[TestClass]
public sealed class PhotoHarvesterTests
{
    private static string KindsPhoto(string name)
    {
        string path = Path.Combine(TestData.RequireDataset("kinds"), name);
        if (!File.Exists(path)) Assert.Inconclusive($"Kinds photo not found: {path}");
        return path;
    }

    [TestMethod]
    public void Harvest_ConsulatePhoto_FilesItsLastCharacterUnderTheSpecialModel()
    {
        using var harvester = new PhotoHarvester(TestData.ShippedModels, minAgreement: 5);

        var plate = harvester.Harvest(KindsPhoto("沪A1707领.jpg"));

        Assert.IsNull(plate.Rejected, plate.Rejected);
        Assert.HasCount(7, plate.Characters);
        CollectionAssert.AreEqual(new[] { "province", "city", "alnum", "alnum", "alnum", "alnum", "special" }, plate.Folders!.ToArray());
        Assert.IsTrue(plate.Characters.All(c => c.Length == 400 && c.Any(p => p > 127)), "each a 20×20 crop with ink");
    }

    // 使 stands first on an embassy plate. The learner plate's yellow cuts only as the recogniser's shaded retry cuts
    // it, and 学 is no letter or digit, so the standard format, which would cut it otherwise, is not tried.
    [TestMethod]
    [DataRow("使198476.jpg", 0, DisplayName = "embassy: 使 first")]
    [DataRow("琼A6716学.jpg", 6, DisplayName = "learner, cut by the shaded retry: 学 last")]
    public void Harvest_SpecialPlatePhoto_FilesItsSpecialCharacterAloneUnderTheSpecialModel(string photo, int special)
    {
        using var harvester = new PhotoHarvester(TestData.ShippedModels, minAgreement: 5);

        var plate = harvester.Harvest(KindsPhoto(photo));

        Assert.IsNull(plate.Rejected, plate.Rejected);
        Assert.AreEqual("special", plate.Folders![special]);
        Assert.AreEqual(1, plate.Folders.Count(f => f == "special"));
    }

    [TestMethod]
    public void Harvest_Photo_AlsoCutsItAsFartherSofterAndDimmerCamerasSeeIt()
    {
        using var harvester = new PhotoHarvester(TestData.ShippedModels, minAgreement: 5);

        var plate = harvester.Harvest(KindsPhoto("鄂F8888警.jpg"));

        Assert.IsNull(plate.Rejected, plate.Rejected);
        Assert.IsGreaterThanOrEqualTo(2, plate.SoftCopies.Count, "more than one way of seeing it still cuts the plate");
        Assert.IsTrue(plate.SoftCopies.All(view => view.Count == 7), "each view cuts the whole plate");
        var police = plate.SoftCopies.Select(view => Convert.ToBase64String(view[6])).Prepend(Convert.ToBase64String(plate.Characters[6])).ToArray();
        Assert.AreEqual(police.Length, police.Distinct().Count(), "each view's 警 differs from the photo's own and from the other views'");
    }

    [TestMethod]
    public void Harvest_LabelNoFormatFits_IsRejectedSayingSo()
    {
        using var temp = new TempFolder();
        string photo = temp.Combine("沪A17.jpg");
        File.Copy(KindsPhoto("沪A1707领.jpg"), photo);
        using var harvester = new PhotoHarvester(TestData.ShippedModels, minAgreement: 5);

        var plate = harvester.Harvest(photo);

        Assert.AreEqual("no plate format fits the label", plate.Rejected);
        Assert.IsEmpty(plate.Characters);
    }

    [TestMethod]
    public void Harvest_SpecialPlateWithModelsLackingSpecialZip_IsRejectedSayingWhatIsMissing()
    {
        using var temp = new TempFolder();
        foreach (string file in new[] { "province.zip", "city.zip", "alnum.zip" })
            File.Copy(Path.Combine(TestData.ShippedModels, file), temp.Combine(file));
        using var harvester = new PhotoHarvester(temp.Path, minAgreement: 5);

        var plate = harvester.Harvest(KindsPhoto("沪A1707领.jpg"));

        StringAssert.Contains(plate.Rejected, "special.zip");
        Assert.IsEmpty(plate.Characters);
    }

    [TestMethod]
    public void Harvest_FileThatIsNoImage_IsRejectedNamingItWithoutThrowing()
    {
        using var temp = new TempFolder();
        string photo = temp.Combine("沪A1707领.jpg");
        File.WriteAllText(photo, "not a jpeg");
        using var harvester = new PhotoHarvester(TestData.ShippedModels, minAgreement: 5);

        var plate = harvester.Harvest(photo);

        StringAssert.Contains(plate.Rejected, photo, "the message names the file");
        Assert.IsEmpty(plate.Characters);
    }

    [TestMethod]
    public void HarvestRun_Photos_HoldsNoneOutAndFilesSpecialsWithTheirViewsUnderSpecial()
    {
        using var temp = new TempFolder();
        string folder = temp.Combine("kinds");
        Directory.CreateDirectory(folder);
        string[] names = ["沪A1707领.jpg", "鄂F8888警.jpg"];
        Assert.IsTrue(names.Any(HeldOutSplit.IsHeldOut), "a crops harvest would hold one of them out");
        foreach (string name in names)
            File.Copy(KindsPhoto(name), Path.Combine(folder, name));
        string root = temp.Combine("harvest");
        using var harvester = new PhotoHarvester(TestData.ShippedModels, minAgreement: 5);

        var summary = HarvestRun.Run([folder], root, harvester);

        var counts = summary.Folders.Single();
        Assert.AreEqual(0, counts.HeldOut);
        Assert.AreEqual(2, counts.Harvested);
        foreach (var (label, photo) in new[] { ("领", "沪A1707领"), ("警", "鄂F8888警") })
        {
            string special = Path.Combine(root, "special", label);
            Assert.IsTrue(File.Exists(Path.Combine(special, $"kinds-{photo}-6.png")), $"{photo}'s {label}");
            var views = Directory.GetFiles(special, $"kinds-{photo}-6-view*.png");
            Assert.IsNotEmpty(views);
            Assert.IsTrue(views.All(v => StratifiedSplit.ViewOf(v) == $"kinds-{photo}-6.png"), "the split keeps the views beside the photo's own cut");
        }
        Assert.IsFalse(Directory.Exists(Path.Combine(root, "alnum", "领")), "the special character is not filed as a letter or digit");
        string summaryText = File.ReadAllText(Path.Combine(root, DataSource.HarvestSummary));
        StringAssert.Contains(summaryText, "labelled photos");
        StringAssert.Contains(summaryText, "| folder | photos |");
    }
}
