using Plates.Cli.Commands;
using Plates.Cli.Inputs;

namespace Plates.Tests.Cli.Commands;

/// <summary>Issue 9 case 18: the closing line counts what happened, in words that cannot be misread.</summary>
[TestClass]
public sealed class RunSummaryTests
{
    [TestMethod]
    public void Line_EverythingRead()
    {
        var summary = new RunSummary { Photos = 1, Read = 1, Plates = 2 };

        Assert.AreEqual("summary: 1 photo, 1 read, 0 failed; 2 plates", summary.Line());
        Assert.AreEqual(0, summary.ExitCode);
    }

    [TestMethod]
    public void Line_EmptyFolder_SaysSoAndExitsOne()
    {
        var summary = new RunSummary { FolderProblems = [new FolderProblem("empty", "no image files in this folder.", Unlistable: false)] };

        Assert.AreEqual("summary: 0 photos; 0 plates; 1 folder with no image files", summary.Line());
        Assert.AreEqual(1, summary.ExitCode);
    }

    [TestMethod]
    public void Line_EveryCount()
    {
        var summary = new RunSummary
        {
            Photos = 5, Read = 3, Failed = 1, Plates = 4, Hidden = 2, MinConfidence = 0.9, AnnotationsFailed = 1, Skipped = 2,
            OutputFailed = true,
            FolderProblems = [new FolderProblem("locked", "cannot be listed: Permission denied", Unlistable: true)],
        };

        Assert.AreEqual("summary: 5 photos, 3 read, 1 failed, 1 not reached; 4 plates shown, 2 under --min-confidence 0.9 not shown; " +
            "1 annotated copy not written; 1 folder could not be listed; 2 other files in the folders skipped; " +
            "stopped: standard output could not be written", summary.Line());
        Assert.AreEqual(3, summary.ExitCode);
    }
}
