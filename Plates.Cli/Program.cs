using System.CommandLine;
using Plates.Cli.Commands;
using Plates.Cli.Output;

// Standard output is written a whole line at a time, and its failure (a full disk, a closed pipe) is reported, not
// thrown with a stack trace: System.CommandLine's own handler, which would print one (for --help written to a full
// disk), is off; an error stream that fails too leaves only the exit code.
using var output = StandardOutput.Create();
try
{
    int exit = RecogniseCommand.Run(args, new InvocationConfiguration { Output = output, EnableDefaultExceptionHandler = false });
    output.Flush();
    return exit;
}
catch (OutputFailedException e)
{
    TryReport(e.Message);
    return 3;
}
catch (IOException)
{
    return 3;
}

static void TryReport(string message)
{
    try
    {
        Console.Error.WriteLine($"error: {message}");
    }
    catch (IOException)
    {
    }
}
