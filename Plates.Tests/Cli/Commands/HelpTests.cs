using System.CommandLine;
using Plates.Cli.Commands;

namespace Plates.Tests.Cli.Commands;

/// <summary>Each command's --help shows its own arguments and options; the root's lists the subcommands.</summary>
[TestClass]
public sealed class HelpTests
{
    [TestMethod]
    public void EvaluateHelp_ShowsItsOwnOptionsButNotTheRootsImagesArgument()
    {
        string help = Help(RecogniseCommand.Create(), "evaluate", "--help");

        StringAssert.Contains(help, "--scenes");
        StringAssert.Contains(help, "--crops");
        StringAssert.Contains(help, "--models", "--models applies to evaluate too.");
        Assert.DoesNotContain("<images>", help, help);
        StringAssert.Contains(help, "evaluate [options]");
    }

    [TestMethod]
    public void RootHelp_ShowsTheImagesArgumentAndListsEvaluate()
    {
        string help = Help(RecogniseCommand.Create(), "--help");

        StringAssert.Contains(help, "<images>");
        StringAssert.Contains(help, "--json");
        StringAssert.Contains(help, "Commands:");
        StringAssert.Contains(help, "evaluate");
    }

    [TestMethod]
    public void RootHelp_DescribesEveryOptionAndTheExitCodes()
    {
        var root = RecogniseCommand.Create();

        string help = Help(root, "--help");

        foreach (var option in root.Options)
        {
            StringAssert.Contains(help, option.Name);
            Assert.IsFalse(string.IsNullOrWhiteSpace(option.Description), $"{option.Name} has no description");
        }
        foreach (string option in new[] { "--crop", "--top <N>", "--min-confidence <X>", "--recursive", "--annotate <DIR>" })
            StringAssert.Contains(help, option);
        StringAssert.Contains(help, "Exit codes:");
        StringAssert.Contains(help, "'-' reads one image from standard input");
    }

    [TestMethod]
    public void RootHelp_AfterEvaluateHelpOnTheSameCommand_StillShowsTheImagesArgument()
    {
        var root = RecogniseCommand.Create();
        Help(root, "evaluate", "--help");

        string help = Help(root, "--help");

        StringAssert.Contains(help, "<images>");
    }

    private static string Help(RootCommand root, params string[] args)
    {
        using var output = new StringWriter();
        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        Assert.AreEqual(0, exit, output.ToString());
        return output.ToString();
    }
}
