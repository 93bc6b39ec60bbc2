using Plates.Cli.Interop;

namespace Plates.Cli.Output;

/// <summary>The process's standard output as a <see cref="WholeLineWriter"/>.</summary>
public static class StandardOutput
{
    private const int Descriptor = 1;

    /// <summary>
    /// On Linux each line goes to descriptor 1 in as many writes as the system needs, and a line cut by a disk
    /// filling up is truncated off again (<see cref="Posix.WriteAll"/>); elsewhere through .NET's console stream.
    /// </summary>
    public static WholeLineWriter Create()
    {
        if (Posix.IsAvailable) return new WholeLineWriter(bytes => Posix.WriteAll(Descriptor, bytes));
        var stream = Console.OpenStandardOutput();
        return new WholeLineWriter(bytes =>
        {
            stream.Write(bytes);
            stream.Flush();
        });
    }
}
