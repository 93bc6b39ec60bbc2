using Plates.Cli.Commands;

namespace Plates.Tests.Cli.Commands;

/// <summary>Runs the console's root command in-process with Console.Out and Console.Error captured, and restores them.</summary>
public static class ConsoleCapture
{
    private static readonly Lock s_console = new();

    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        lock (s_console)
        {
            var (oldOut, oldError) = (Console.Out, Console.Error);
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                int exit = RecogniseCommand.Create().Parse(args).Invoke();
                return (exit, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
            }
        }
    }

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
