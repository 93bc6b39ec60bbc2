using System.CommandLine;
using Plates.Cli.Commands;

namespace Plates.Tests.Cli.Commands;

/// <summary>Runs the command line in-process as Program does (<see cref="RecogniseCommand.Run"/>), its output and error streams captured.</summary>
public static class ConsoleCapture
{
    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = RecogniseCommand.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
