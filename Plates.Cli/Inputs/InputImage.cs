using System.Text;
using OpenCvSharp;
using Plates.Cli.Interop;
using Plates.Consume.Imaging;

namespace Plates.Cli.Inputs;

/// <summary>One image to read: a file named on the command line or found in a folder, or standard input.</summary>
/// <param name="Name">How it is printed: the path as given or listed; name bytes that are not UTF-8 are written <c>\xNN</c>.</param>
/// <param name="RawPath">The path's bytes, when <see cref="Name"/> cannot open the file (a listed name that is not valid UTF-8).</param>
/// <param name="IsStandardInput">The image comes from standard input (<c>-</c> on the command line).</param>
/// <param name="Problem">Why the file cannot be opened at all, found while listing (reported when it is read).</param>
internal sealed record InputImage(string Name, byte[]? RawPath = null, bool IsStandardInput = false, string? Problem = null)
{
    /// <summary>The argument that stands for standard input.</summary>
    public const string StandardInputArgument = "-";

    public static InputImage StandardInput { get; } = new(StandardInputArgument, IsStandardInput: true);

    /// <summary>The name an output file made for this image starts from: the file's own name, or "stdin".</summary>
    public string FileName => IsStandardInput ? "stdin" : Path.GetFileName(Name);

    /// <summary>What tells this image apart from another of the same file name: its full path's bytes.</summary>
    public byte[] Identity => IsStandardInput ? Encoding.UTF8.GetBytes(StandardInputArgument) : RawPath ?? Encoding.UTF8.GetBytes(Path.GetFullPath(Name));

    /// <summary>Reads and decodes the image (<see cref="PhotoLoader"/>: header checked first, reading bounded by the pixel limit).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">It is not an image that can be read; the message names it.</exception>
    /// <exception cref="IOException">It could not be read; the message names it.</exception>
    public Mat Load(long maxPixels)
    {
        if (Problem is not null) throw new IOException($"{Name}: {Problem}");
        if (IsStandardInput)
        {
            using var input = Console.OpenStandardInput();
            return PhotoLoader.Load(input, "standard input", maxPixels);
        }
        if (RawPath is null) return PhotoLoader.Load(Name, maxPixels);
        FileStream stream;
        try
        {
            stream = new FileStream(Posix.OpenRead(RawPath), FileAccess.Read, bufferSize: 0);
        }
        catch (FileNotFoundException e)
        {
            throw new FileNotFoundException($"{Name}: file not found ({e.Message}).", Name, e);
        }
        catch (IOException e)
        {
            throw new IOException($"{Name}: cannot be opened: {e.Message}", e);
        }
        using (stream) return PhotoLoader.Load(stream, Name, maxPixels);
    }
}
