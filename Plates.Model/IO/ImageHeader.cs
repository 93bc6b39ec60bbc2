using System.Buffers.Binary;
using System.Text;

namespace Plates.Model.IO;

/// <summary>The encoded image formats told apart by their first bytes.</summary>
public enum ImageFormat
{
    Unknown, Jpeg, Png, Bmp, Tiff, WebP, Gif, Pnm, Pfm, Jpeg2000, Radiance, SunRaster,
    /// <summary>Formats the decoder does not read (OpenCV here is built without them): refused by name.</summary>
    Heif, Avif, OpenExr, JpegXl,
}

/// <summary>What <see cref="ImageHeader.Read"/> found.</summary>
public enum HeaderOutcome
{
    /// <summary>The size was read (it may still be impossible: zero or negative).</summary>
    Size,
    /// <summary>The format is known but its size lies beyond the bytes given: read more and ask again.</summary>
    Incomplete,
    /// <summary>The bytes start none of the formats the decoder reads.</summary>
    UnknownFormat,
    /// <summary>A known image format the decoder does not read (<see cref="ImageFormat.Heif"/> and after).</summary>
    Unsupported,
    /// <summary>The format is known but its header has no size where one must be.</summary>
    Malformed,
}

/// <summary>The format of an encoded image and, when <see cref="Outcome"/> is <see cref="HeaderOutcome.Size"/>, its width and height.</summary>
public readonly record struct ImageHeaderInfo(HeaderOutcome Outcome, ImageFormat Format, long Width, long Height);

/// <summary>
/// Reads an image's format, width and height from its header without decoding it, so that an oversized image is
/// refused before memory is committed for its pixels. Every format the decoder reads is parsed (JPEG, PNG, BMP, TIFF
/// and BigTIFF, WebP, GIF, PBM/PGM/PPM/PAM, PFM, JPEG 2000, Radiance HDR, Sun raster), so none reaches the decoder
/// with an unchecked size.
/// </summary>
public static class ImageHeader
{
    /// <summary>Bytes enough to tell every format apart by its signature.</summary>
    public const int SignatureLength = 32;

    /// <summary>Size from the header; false when the format is unknown, unsupported, or the header is short or broken.</summary>
    public static bool TryReadSize(ReadOnlySpan<byte> bytes, out int width, out int height)
    {
        var header = Read(bytes);
        bool read = header.Outcome == HeaderOutcome.Size && header.Width is >= int.MinValue and <= int.MaxValue
            && header.Height is >= int.MinValue and <= int.MaxValue;
        width = read ? (int)header.Width : 0;
        height = read ? (int)header.Height : 0;
        return read;
    }

    /// <summary>The format and, when the bytes given reach it, the size.</summary>
    public static ImageHeaderInfo Read(ReadOnlySpan<byte> bytes)
    {
        var format = Identify(bytes);
        var header = format switch
        {
            ImageFormat.Jpeg => Jpeg(bytes),
            ImageFormat.Png => bytes.Length < 24 ? Incomplete : !bytes[12..16].SequenceEqual("IHDR"u8) ? Malformed
                : Sized(BinaryPrimitives.ReadInt32BigEndian(bytes[16..]), BinaryPrimitives.ReadInt32BigEndian(bytes[20..])),
            ImageFormat.Bmp => Bmp(bytes),
            ImageFormat.Tiff => Tiff(bytes),
            ImageFormat.WebP => WebP(bytes),
            ImageFormat.Gif => bytes.Length < 10 ? Incomplete
                : Sized(BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..])),
            ImageFormat.Pnm when bytes[1] == (byte)'7' => Pam(bytes),
            ImageFormat.Pnm or ImageFormat.Pfm => Numbers(bytes, 2),
            ImageFormat.Jpeg2000 => Jpeg2000(bytes),
            ImageFormat.Radiance => Radiance(bytes),
            ImageFormat.SunRaster => bytes.Length < 12 ? Incomplete
                : Sized(BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]), BinaryPrimitives.ReadUInt32BigEndian(bytes[8..])),
            ImageFormat.Unknown => new ImageHeaderInfo(HeaderOutcome.UnknownFormat, format, 0, 0),
            _ => new ImageHeaderInfo(HeaderOutcome.Unsupported, format, 0, 0),
        };
        return header with { Format = format };
    }

    /// <summary>The format by its signature; <see cref="ImageFormat.Unknown"/> for anything else, or fewer bytes than the signature.</summary>
    public static ImageFormat Identify(ReadOnlySpan<byte> b)
    {
        if (Starts(b, [0xFF, 0xD8, 0xFF])) return ImageFormat.Jpeg;
        if (Starts(b, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return ImageFormat.Png;
        // "BM" alone also starts plenty of text; the info-header size pins it down to one of the real BMP versions.
        if (b.Length >= 18 && b.StartsWith("BM"u8) && BinaryPrimitives.ReadInt32LittleEndian(b[14..]) is 12 or 40 or 52 or 56 or 64 or 108 or 124)
            return ImageFormat.Bmp;
        if (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8) || b.StartsWith("II+\0"u8) || b.StartsWith("MM\0+"u8)) return ImageFormat.Tiff;
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return ImageFormat.WebP;
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)) return ImageFormat.Gif;
        if (b.Length >= 3 && b[0] == (byte)'P' && IsSpace(b[2]))
        {
            if (b[1] is >= (byte)'1' and <= (byte)'7') return ImageFormat.Pnm;
            if (b[1] is (byte)'F' or (byte)'f') return ImageFormat.Pfm;
        }
        if (Starts(b, [0, 0, 0, 0x0C, (byte)'j', (byte)'P', 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]) || Starts(b, [0xFF, 0x4F, 0xFF, 0x51]))
            return ImageFormat.Jpeg2000;
        if (b.StartsWith("#?RADIANCE"u8) || b.StartsWith("#?RGBE"u8)) return ImageFormat.Radiance;
        if (Starts(b, [0x59, 0xA6, 0x6A, 0x95])) return ImageFormat.SunRaster;
        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8))
        {
            string brand = Encoding.ASCII.GetString(b[8..12]);
            if (brand is "avif" or "avis") return ImageFormat.Avif;
            if (brand is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "hevm" or "hevs" or "mif1" or "msf1") return ImageFormat.Heif;
        }
        if (Starts(b, [0x76, 0x2F, 0x31, 0x01])) return ImageFormat.OpenExr;
        if (Starts(b, [0xFF, 0x0A]) || Starts(b, [0, 0, 0, 0x0C, (byte)'J', (byte)'X', (byte)'L', 0x20])) return ImageFormat.JpegXl;
        return ImageFormat.Unknown;
    }

    private static bool Starts(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> signature) => bytes.StartsWith(signature);

    /// <summary>The format's everyday name, for messages.</summary>
    public static string Name(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "JPEG", ImageFormat.Png => "PNG", ImageFormat.Bmp => "BMP", ImageFormat.Tiff => "TIFF",
        ImageFormat.WebP => "WebP", ImageFormat.Gif => "GIF", ImageFormat.Pnm => "PNM (PBM/PGM/PPM/PAM)", ImageFormat.Pfm => "PFM",
        ImageFormat.Jpeg2000 => "JPEG 2000", ImageFormat.Radiance => "Radiance HDR", ImageFormat.SunRaster => "Sun raster",
        ImageFormat.Heif => "HEIF/HEIC", ImageFormat.Avif => "AVIF", ImageFormat.OpenExr => "OpenEXR", ImageFormat.JpegXl => "JPEG XL",
        _ => "unknown",
    };

    private static readonly ImageHeaderInfo Incomplete = new(HeaderOutcome.Incomplete, ImageFormat.Unknown, 0, 0);
    private static readonly ImageHeaderInfo Malformed = new(HeaderOutcome.Malformed, ImageFormat.Unknown, 0, 0);

    private static ImageHeaderInfo Sized(long width, long height) => new(HeaderOutcome.Size, ImageFormat.Unknown, width, height);

    private static ImageHeaderInfo Jpeg(ReadOnlySpan<byte> bytes)
    {
        int i = 2;
        while (i + 9 < bytes.Length)
        {
            if (bytes[i] != 0xFF) { i++; continue; }
            byte marker = bytes[i + 1];
            if (marker == 0xFF) { i++; continue; }
            if (marker is 0xD8 or 0x01 || marker is >= 0xD0 and <= 0xD7) { i += 2; continue; }
            // The image data or its end came before any frame header.
            if (marker is 0xDA or 0xD9) return Malformed;
            int length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 2)..]);
            // Start-of-frame markers carry the size; C4 (Huffman tables), C8 and CC (arithmetic tables) do not. An
            // EXIF thumbnail's own frame header sits inside its APP1 segment, which is skipped whole.
            if (marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC))
                return Sized(BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 5)..]));
            i += 2 + length;
        }
        return Incomplete;
    }

    private static ImageHeaderInfo Bmp(ReadOnlySpan<byte> bytes)
    {
        // The OS/2 core header (12 bytes) holds 16-bit sizes; every later version 32-bit ones.
        if (BinaryPrimitives.ReadInt32LittleEndian(bytes[14..]) == 12)
            return bytes.Length < 22 ? Incomplete
                : Sized(BinaryPrimitives.ReadUInt16LittleEndian(bytes[18..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[20..]));
        if (bytes.Length < 26) return Incomplete;
        // A negative height means rows stored top-down.
        return Sized(BinaryPrimitives.ReadInt32LittleEndian(bytes[18..]), Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(bytes[22..])));
    }

    private static ImageHeaderInfo Tiff(ReadOnlySpan<byte> bytes)
    {
        bool little = bytes[0] == (byte)'I';
        bool big = bytes[2] == (byte)'+' || bytes[3] == (byte)'+';
        // Classic TIFF: 4-byte offsets, 2-byte entry count, 12-byte entries; BigTIFF: 8, 8 and 20. The first directory
        // (the page the decoder reads) may lie anywhere, after the pixels too, which is why it is asked for by offset.
        int offsetSize = big ? 8 : 4, countSize = big ? 8 : 2, entrySize = big ? 20 : 12;
        int headerLength = big ? 16 : 8;
        if (bytes.Length < headerLength) return Incomplete;
        ulong directory = Unsigned(bytes, big ? 8 : 4, offsetSize, little);
        if (directory < (ulong)headerLength || directory > int.MaxValue) return Malformed;
        if ((ulong)bytes.Length < directory + (ulong)countSize) return Incomplete;
        ulong entries = Unsigned(bytes, (int)directory, countSize, little);
        if (entries > 4096) return Malformed;
        if (bytes.Length < (long)directory + countSize + (long)entries * entrySize) return Incomplete;
        long width = -1, height = -1;
        for (int e = 0; e < (int)entries; e++)
        {
            int at = (int)directory + countSize + e * entrySize;
            ulong tag = Unsigned(bytes, at, 2, little), type = Unsigned(bytes, at + 2, 2, little);
            int value = at + 4 + offsetSize;
            // SHORT (3), LONG (4) or LONG8 (16, BigTIFF only), each held in the entry itself.
            ulong? number = type switch
            {
                3 => Unsigned(bytes, value, 2, little),
                4 => Unsigned(bytes, value, 4, little),
                16 when big => Unsigned(bytes, value, 8, little),
                _ => null,
            };
            long size = number is ulong n ? (long)Math.Min(n, long.MaxValue) : -1;
            if (tag == 256 && size >= 0) width = size;
            if (tag == 257 && size >= 0) height = size;
        }
        return width < 0 || height < 0 ? Malformed : Sized(width, height);
    }

    private static ulong Unsigned(ReadOnlySpan<byte> bytes, int at, int size, bool little)
    {
        var s = bytes.Slice(at, size);
        return size switch
        {
            2 => little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s),
            4 => little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s),
            _ => little ? BinaryPrimitives.ReadUInt64LittleEndian(s) : BinaryPrimitives.ReadUInt64BigEndian(s),
        };
    }

    private static ImageHeaderInfo WebP(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 30) return Incomplete;
        var chunk = bytes[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
            return bytes[23] != 0x9D || bytes[24] != 0x01 || bytes[25] != 0x2A ? Malformed
                : Sized(BinaryPrimitives.ReadUInt16LittleEndian(bytes[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(bytes[28..]) & 0x3FFF);
        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (bytes[20] != 0x2F) return Malformed;
            uint bits = BinaryPrimitives.ReadUInt32LittleEndian(bytes[21..]);
            return Sized((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8X"u8))
            return Sized((bytes[24] | bytes[25] << 8 | bytes[26] << 16) + 1L, (bytes[27] | bytes[28] << 8 | bytes[29] << 16) + 1L);
        return Malformed;
    }

    /// <summary>PAM: "WIDTH n" and "HEIGHT n" lines, in any order, before "ENDHDR".</summary>
    private static ImageHeaderInfo Pam(ReadOnlySpan<byte> bytes)
    {
        long width = -1, height = -1;
        int i = 2;
        string? key = null;
        while (NextToken(bytes, ref i) is { } token)
        {
            if (token == "ENDHDR") return width < 0 || height < 0 ? Malformed : Sized(width, height);
            if (key is "WIDTH" or "HEIGHT")
            {
                if (!long.TryParse(token, out long n) || n < 0) return Malformed;
                if (key == "WIDTH") width = n; else height = n;
                key = null;
            }
            else key = token;
        }
        return Incomplete;
    }

    /// <summary>PBM/PGM/PPM and PFM: the magic, then width and height as decimal text (comments from '#' to the line's end).</summary>
    private static ImageHeaderInfo Numbers(ReadOnlySpan<byte> bytes, int start)
    {
        int i = start;
        string? first = NextToken(bytes, ref i), second = first is null ? null : NextToken(bytes, ref i);
        // The height's end is seen only once a byte follows it.
        if (second is null || i >= bytes.Length) return Incomplete;
        return long.TryParse(first, out long width) && long.TryParse(second, out long height) ? Sized(width, height) : Malformed;
    }

    /// <summary>The next whitespace-separated token (null when the bytes end inside it), skipping '#' comments.</summary>
    private static string? NextToken(ReadOnlySpan<byte> bytes, ref int i)
    {
        while (i < bytes.Length && (IsSpace(bytes[i]) || bytes[i] == (byte)'#'))
        {
            if (bytes[i] == (byte)'#') while (i < bytes.Length && bytes[i] != (byte)'\n') i++;
            else i++;
        }
        int start = i;
        while (i < bytes.Length && !IsSpace(bytes[i]) && i - start < 32) i++;
        return i >= bytes.Length ? null : Encoding.ASCII.GetString(bytes[start..i]);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;

    private static ImageHeaderInfo Jpeg2000(ReadOnlySpan<byte> bytes)
    {
        // A bare codestream: the SIZ segment gives the image area and its offset.
        if (bytes[0] == 0xFF)
            return bytes.Length < 24 ? Incomplete
                : Sized((long)BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]) - BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]),
                    (long)BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]) - BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]));
        // A JP2 file: boxes; the size is in the image header box (ihdr) inside the header superbox (jp2h).
        long at = 0;
        long end = bytes.Length;
        while (at + 8 <= end)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(bytes[(int)at..]);
            var type = bytes.Slice((int)at + 4, 4);
            int header = 8;
            if (length == 1)
            {
                if (at + 16 > end) return Incomplete;
                length = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(bytes[((int)at + 8)..]), long.MaxValue);
                header = 16;
            }
            if (type.SequenceEqual("ihdr"u8))
                return at + 16 > end ? Incomplete
                    : Sized(BinaryPrimitives.ReadUInt32BigEndian(bytes[((int)at + 12)..]), BinaryPrimitives.ReadUInt32BigEndian(bytes[((int)at + 8)..]));
            if (type.SequenceEqual("jp2h"u8)) { at += header; continue; }
            if (length == 0 || length < header) return Malformed;
            at += length;
        }
        return at > int.MaxValue ? Malformed : Incomplete;
    }

    /// <summary>Radiance: text lines up to an empty one, then the resolution line ("-Y 480 +X 640": rows first).</summary>
    private static ImageHeaderInfo Radiance(ReadOnlySpan<byte> bytes)
    {
        int blank = bytes.IndexOf("\n\n"u8);
        if (blank < 0) return Incomplete;
        int i = blank + 2;
        var tokens = new string?[4];
        for (int t = 0; t < 4; t++) tokens[t] = NextToken(bytes, ref i);
        if (tokens[3] is null) return Incomplete;
        if (!long.TryParse(tokens[1], out long first) || !long.TryParse(tokens[3], out long second)) return Malformed;
        return tokens[0] is "-Y" or "+Y" ? Sized(second, first) : tokens[0] is "-X" or "+X" ? Sized(first, second) : Malformed;
    }
}
