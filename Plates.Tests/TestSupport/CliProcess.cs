using System.Diagnostics;

namespace Plates.Tests.TestSupport;

/// <summary>
/// Runs the built command line as its own process through bash, for what only a process shows: its real standard
/// streams redirected (to /dev/full, a pipe, a small disk) and its exit code. The script calls the tool as
/// <c>plates</c> (a function running <c>dotnet …/Plates.Cli.dll</c>, copied beside the tests, exported to child shells).
/// </summary>
public static class CliProcess
{
    public static (int ExitCode, string Out, string Error) Bash(string script, string? workingDirectory = null)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "Plates.Cli.dll");
        if (!File.Exists(cli)) Assert.Inconclusive($"{cli} was not built beside the tests.");
        if (!File.Exists("/bin/bash")) Assert.Inconclusive("These checks need bash.");
        var start = new ProcessStartInfo("/bin/bash", ["-c", "plates() { dotnet \"$PLATES_DLL\" \"$@\"; }; export -f plates; " + script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.Environment["PLATES_DLL"] = cli;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{script}' did not end within 2 minutes.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
