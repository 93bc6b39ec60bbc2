using System.Buffers;
using System.Text;

namespace Plates.Cli.Inputs;

/// <summary>File names as bytes (what the system stores) and as the text printed for them.</summary>
internal static class FileNames
{
    /// <summary>
    /// The name as text: UTF-8 decoded, each byte that is not part of valid UTF-8 written as <c>\xNN</c> (a GBK 京,
    /// BE A9, prints as <c>\xBE\xA9</c>) rather than replaced by U+FFFD, so that two such names stay apart.
    /// </summary>
    /// <param name="valid">Whether the bytes were all valid UTF-8 (so the text opens the file again).</param>
    public static string Display(ReadOnlySpan<byte> name, out bool valid)
    {
        valid = true;
        var text = new StringBuilder(name.Length);
        while (!name.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(name, out Rune rune, out int consumed);
            if (status == OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                valid = false;
                consumed = Math.Max(1, consumed);
                foreach (byte b in name[..consumed]) text.Append($"\\x{b:X2}");
            }
            name = name[consumed..];
        }
        return text.ToString();
    }

    /// <summary><paramref name="folder"/>/<paramref name="name"/> as bytes.</summary>
    public static byte[] Join(byte[] folder, byte[] name) =>
        folder is [.., (byte)'/'] ? [.. folder, .. name] : [.. folder, (byte)'/', .. name];

    /// <summary>The longest start of <paramref name="text"/> that takes at most <paramref name="maxBytes"/> bytes in UTF-8, cut between characters.</summary>
    public static string Truncate(string text, int maxBytes)
    {
        int bytes = 0, end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes) break;
            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }
        return text[..end];
    }
}
