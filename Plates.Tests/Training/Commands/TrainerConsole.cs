using System.CommandLine;
using Spectre.Console;

namespace Plates.Tests.Training.Commands;

/// <summary>Runs a Plates.Train command in-process on a Spectre console that writes plain, unwrapped text to a string.</summary>
public static class TrainerConsole
{
    /// <param name="create">The command's factory (<c>TrainCommand.Create</c>, <c>EvaluateCommand.Create</c>).</param>
    /// <param name="args">The command line, the command's name first.</param>
    /// <returns>The exit code and everything written: the command's messages and the parser's errors and help.</returns>
    public static (int ExitCode, string Output) Run(Func<IAnsiConsole, Command> create, params string[] args)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1000;
        var root = new RootCommand { create(console) };
        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }
}
