namespace Plates.Benchmarks;

/// <summary>How the benchmark commands end on bad input: a message on the error stream and exit code 2.</summary>
public static class CommandErrors
{
    public const int BadInput = 2;

    /// <summary>
    /// Runs <paramref name="run"/>; a missing folder or file, or a model that cannot be loaded, ends it with the
    /// exception's message (which names the path) and <see cref="BadInput"/>.
    /// </summary>
    public static int Guard(Func<int> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return run();
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }

    /// <summary><see cref="Guard"/> for a command that times each item <paramref name="repeats"/> times, which must be at least 1.</summary>
    public static int GuardRepeated(int repeats, Func<int> run)
    {
        if (repeats < 1)
        {
            Console.Error.WriteLine("error: --repeat must be at least 1.");
            return BadInput;
        }
        return Guard(run);
    }
}
