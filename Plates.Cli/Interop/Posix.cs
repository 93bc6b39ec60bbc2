using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Plates.Cli.Interop;

/// <summary>
/// The few libc calls .NET has no byte-exact counterpart for, on 64-bit Linux only: listing and opening files by the
/// raw bytes of their names (.NET decodes names as UTF-8 and replaces what is not, so a GBK-named file it lists cannot
/// be opened again by that name), and writing standard output a whole line at a time with a cut line taken back.
/// </summary>
internal static partial class Posix
{
    /// <summary>Whether these calls can be made: Linux, 64-bit, where <c>struct dirent</c> has the layout read below.</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    // struct dirent on 64-bit Linux (glibc and musl): d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name[256].
    private const int DirentTypeOffset = 18;
    private const int DirentNameOffset = 19;
    private const int MaxNameBytes = 256;

    public const byte TypeUnknown = 0, TypeDirectory = 4, TypeRegular = 8, TypeLink = 10;

    private const int ReadOnly = 0, CloseOnExec = 0x80000;
    private const int Interrupted = 4, SeekSet = 0, SeekCurrent = 1;

    /// <summary>The entries of a folder (its "." and ".." left out): each name's bytes and its d_type.</summary>
    /// <exception cref="IOException">The folder cannot be opened or read; the message gives the system's reason.</exception>
    public static List<(byte[] Name, byte Type)> ReadDirectory(byte[] path)
    {
        nint directory = opendir(Terminated(path));
        if (directory == 0) throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        try
        {
            var entries = new List<(byte[], byte)>();
            while (true)
            {
                nint entry = readdir(directory);
                if (entry == 0)
                {
                    // readdir returns null both at the end (errno untouched: the marshaller cleared it) and on error.
                    int error = Marshal.GetLastPInvokeError();
                    if (error != 0) throw new IOException(Marshal.GetPInvokeErrorMessage(error));
                    return entries;
                }
                byte[] name = NameOf(entry);
                if (name is [(byte)'.'] or [(byte)'.', (byte)'.']) continue;
                entries.Add((name, Marshal.ReadByte(entry, DirentTypeOffset)));
            }
        }
        finally
        {
            closedir(directory);
        }
    }

    /// <summary>Whether the path names a folder that can be opened (for entries whose d_type is unknown or a link).</summary>
    public static bool IsDirectory(byte[] path)
    {
        nint directory = opendir(Terminated(path));
        if (directory == 0) return false;
        closedir(directory);
        return true;
    }

    /// <summary>Opens a file for reading by the raw bytes of its path.</summary>
    /// <exception cref="IOException">It cannot be opened (a <see cref="FileNotFoundException"/> when it is gone); the message gives the system's reason.</exception>
    public static SafeFileHandle OpenRead(byte[] path)
    {
        int fd = open(Terminated(path), ReadOnly | CloseOnExec);
        if (fd < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            string reason = Marshal.GetPInvokeErrorMessage(error);
            throw error == 2 ? new FileNotFoundException(reason) : new IOException(reason);
        }
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>
    /// Writes all of <paramref name="bytes"/> to the descriptor. When the system takes only part of them and then fails
    /// (a disk filling up), the part is cut off again where the descriptor is a regular file, so the file never ends
    /// in half a line.
    /// </summary>
    /// <exception cref="IOException">The write failed; the message gives the system's reason.</exception>
    public static unsafe void WriteAll(int fd, ReadOnlySpan<byte> bytes)
    {
        int written = 0;
        fixed (byte* start = bytes)
        {
            while (written < bytes.Length)
            {
                nint done = write(fd, start + written, bytes.Length - written);
                if (done >= 0)
                {
                    written += (int)done;
                    continue;
                }
                int error = Marshal.GetLastPInvokeError();
                if (error == Interrupted) continue;
                if (written > 0)
                {
                    // The descriptor's offset stands after the part written, in append mode too.
                    long end = lseek(fd, 0, SeekCurrent);
                    if (end >= written && ftruncate(fd, end - written) == 0) lseek(fd, end - written, SeekSet);
                }
                throw new IOException(Marshal.GetPInvokeErrorMessage(error));
            }
        }
    }

    private static byte[] NameOf(nint entry)
    {
        var name = new List<byte>(64);
        for (int i = 0; i < MaxNameBytes; i++)
        {
            byte b = Marshal.ReadByte(entry, DirentNameOffset + i);
            if (b == 0) break;
            name.Add(b);
        }
        return name.ToArray();
    }

    private static byte[] Terminated(byte[] path) => [.. path, 0];

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint opendir(byte[] path);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint readdir(nint directory);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int closedir(nint directory);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int open(byte[] path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint write(int fd, byte* bytes, nint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial long lseek(int fd, long offset, int whence);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ftruncate(int fd, long length);
}
