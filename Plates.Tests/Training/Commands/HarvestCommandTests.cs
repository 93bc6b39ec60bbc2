using Plates.Tests.TestSupport;
using Plates.Train.Commands;

namespace Plates.Tests.Training.Commands;

/// <summary><c>harvest</c> takes crops or photos, one kind per run, and refuses the crop-only options with photos.</summary>
[TestClass]
public sealed class HarvestCommandTests
{
    [TestMethod]
    public void Harvest_CropsAndPhotosTogether_IsAUsageErrorThatWritesNothing()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("crops"));
        Directory.CreateDirectory(temp.Combine("photos"));

        var (exit, _) = TrainerConsole.Run(_ => HarvestCommand.Create(), "harvest", "--crops", temp.Combine("crops"), "--photos", temp.Combine("photos"), "--out", temp.Combine("out"));

        Assert.AreEqual(2, exit);
        Assert.IsFalse(Directory.Exists(temp.Combine("out")));
    }

    [TestMethod]
    public void Harvest_NeitherCropsNorPhotos_IsAUsageError()
    {
        using var temp = new TempFolder();

        var (exit, _) = TrainerConsole.Run(_ => HarvestCommand.Create(), "harvest", "--out", temp.Combine("out"));

        Assert.AreEqual(2, exit);
    }

    [TestMethod]
    public void Harvest_PhotosWithSoften_IsAUsageErrorThatWritesNothing()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("photos"));

        var (exit, _) = TrainerConsole.Run(_ => HarvestCommand.Create(), "harvest", "--photos", temp.Combine("photos"), "--soften", "1", "--out", temp.Combine("out"));

        Assert.AreEqual(2, exit);
        Assert.IsFalse(Directory.Exists(temp.Combine("out")));
    }
}
