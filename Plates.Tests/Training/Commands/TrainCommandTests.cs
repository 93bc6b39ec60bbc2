using Plates.Tests.TestSupport;
using Plates.Train.Commands;

namespace Plates.Tests.Training.Commands;

/// <summary><c>train</c> never replaces models unless told to, and checks its output folder before training anything.</summary>
[TestClass]
public sealed class TrainCommandTests
{
    [TestMethod]
    public void Train_WithoutOut_IsRefusedByTheParser()
    {
        using var temp = new TempFolder();

        var (exit, output) = TrainerConsole.Run(TrainCommand.Create, "train", "--data", temp.Path);

        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(output, "Option '--out' is required.");
    }

    [TestMethod]
    public void Train_OutHoldingAModelOrReport_IsRefusedWithoutForceNamingWhatExists()
    {
        using var temp = new TempFolder();
        string data = Data(temp);
        string models = temp.Combine("models");
        Directory.CreateDirectory(temp.Combine("models", "reports", "province"));
        File.WriteAllText(temp.Combine("models", "city.zip"), "a model that must stay");

        var (exit, output) = TrainerConsole.Run(TrainCommand.Create, "train", "--data", data, "--out", models, "--model", "city", "province");

        Assert.AreEqual(2, exit, output);
        StringAssert.Contains(output, $"{models} already holds city.zip, reports{Path.DirectorySeparatorChar}province{Path.DirectorySeparatorChar}; add --force");
        Assert.AreEqual("a model that must stay", File.ReadAllText(temp.Combine("models", "city.zip")));
    }

    [TestMethod]
    public void Train_OutHoldingAModelWithForce_ReplacesIt()
    {
        using var temp = new TempFolder();
        string data = Data(temp);
        string models = temp.Combine("models");
        Directory.CreateDirectory(models);
        File.WriteAllText(Path.Combine(models, "city.zip"), "an old model");

        var (exit, output) = TrainerConsole.Run(TrainCommand.Create, "train", "--data", data, "--out", models, "--model", "city", "--min-per-class", "0", "--force");

        Assert.AreEqual(0, exit, output);
        Assert.IsNotNull(Plates.Model.Pipelines.TrainingMetadata.Read(Path.Combine(models, "city.zip")));
    }

    [TestMethod]
    public void Train_CameraCopyShares_AreRecordedInTheModelAndAShareOutsideZeroToOneIsRefused()
    {
        using var temp = new TempFolder();
        string data = Data(temp);
        string models = temp.Combine("models");

        var (refused, message) = TrainerConsole.Run(TrainCommand.Create, "train", "--data", data, "--out", models, "--model", "city", "--offset-cut", "1.5");
        var (exit, output) = TrainerConsole.Run(TrainCommand.Create, "train", "--data", data, "--out", models, "--model", "city", "--min-per-class", "0",
            "--low-resolution", "0.25", "--offset-cut", "0.5");

        Assert.AreNotEqual(0, refused);
        StringAssert.Contains(message, "--offset-cut must lie between 0 and 1.");
        Assert.AreEqual(0, exit, output);
        var metadata = Plates.Model.Pipelines.TrainingMetadata.Read(Path.Combine(models, "city.zip"));
        Assert.AreEqual((0.25, 0.5), (metadata!.LowResolutionShare, metadata.OffsetCutShare));
    }

    [TestMethod]
    public void TrainHelp_DocumentsThatOutIsRequiredAndForceReplaces()
    {
        var (exit, output) = TrainerConsole.Run(TrainCommand.Create, "train", "--help");

        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, "--out <out> (REQUIRED)");
        StringAssert.Contains(output, "refused unless --force");
        StringAssert.Contains(output, "--force");
    }

    /// <summary>Issue 9, case 9: an --out the user cannot write is reported before training, with exit code 2.</summary>
    [TestMethod]
    [TestCategory(Permissions.Category)]
    public void Train_OutNotWritable_FailsBeforeTrainingWithExitTwo()
    {
        using var temp = new TempFolder();
        string data = Data(temp);
        string locked = temp.Combine("locked");
        Directory.CreateDirectory(locked);
        using var _ = Permissions.Deny(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var (exit, output) = TrainerConsole.Run(TrainCommand.Create, "train", "--data", data, "--out", Path.Combine(locked, "models"), "--model", "city");

        Assert.AreEqual(2, exit, output);
        StringAssert.Contains(output, $"cannot write to {locked}, where --out {Path.Combine(locked, "models")} would be created: permission denied.");
        StringAssert.Contains(output, "Nothing was trained.");
        Assert.DoesNotContain("city: Reading images", output, "the check comes before any training");
    }

    [TestMethod]
    public void Train_OutInsideAFile_FailsBeforeTrainingWithExitTwo()
    {
        using var temp = new TempFolder();
        string data = Data(temp);
        File.WriteAllText(temp.Combine("file"), "not a folder");

        var (exit, output) = TrainerConsole.Run(TrainCommand.Create, "train", "--data", data, "--out", temp.Combine("file", "models"), "--model", "city");

        Assert.AreEqual(2, exit, output);
        StringAssert.Contains(output, $"{temp.Combine("file")} is a file. Nothing was trained.");
    }

    private static string Data(TempFolder temp)
    {
        SyntheticCharacters.Write(temp.Combine("data", "city"), ["A", "K"], perClass: 6);
        return temp.Combine("data");
    }
}
