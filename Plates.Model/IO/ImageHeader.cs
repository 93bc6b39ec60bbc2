using System.Buffers.Binary;

namespace Plates.Model.IO;

/// <summary>
/// Reads an image's width and height from its header without decoding it, so that an oversized photo is refused
/// before gigabytes are allocated for its pixels.
/// </summary>
public static class ImageHeader
{
    /// <summary>Size from a PNG, JPEG or BMP header; false for other formats (TIFF, WebP … are checked after decoding) or a header too short to tell.</summary>
    public static bool TryReadSize(ReadOnlySpan<byte> bytes, out int width, out int height)
    {
        width = height = 0;
        if (bytes.Length >= 24 && bytes[0] == 0x89 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G')
        {
            width = BinaryPrimitives.ReadInt32BigEndian(bytes[16..]);
            height = BinaryPrimitives.ReadInt32BigEndian(bytes[20..]);
            return true;
        }
        // "BM" alone also starts plenty of text; the info-header size pins it down to one of the real BMP versions.
        if (bytes.Length >= 26 && bytes[0] == (byte)'B' && bytes[1] == (byte)'M'
            && BinaryPrimitives.ReadInt32LittleEndian(bytes[14..]) is 12 or 40 or 52 or 56 or 64 or 108 or 124)
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(bytes[18..]);
            // Negative height means rows stored top-down; int.MinValue has no positive counterpart and is refused as 0.
            int signedHeight = BinaryPrimitives.ReadInt32LittleEndian(bytes[22..]);
            height = signedHeight == int.MinValue ? 0 : Math.Abs(signedHeight);
            return true;
        }
        if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8)
            return TryReadJpegSize(bytes, out width, out height);
        return false;
    }

    private static bool TryReadJpegSize(ReadOnlySpan<byte> bytes, out int width, out int height)
    {
        width = height = 0;
        int i = 2;
        while (i + 9 < bytes.Length)
        {
            if (bytes[i] != 0xFF) { i++; continue; }
            byte marker = bytes[i + 1];
            if (marker == 0xFF) { i++; continue; }
            if (marker is 0xD8 or 0x01 || marker is >= 0xD0 and <= 0xD7) { i += 2; continue; }
            int length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 2)..]);
            // Start-of-frame markers carry the size; C4 (Huffman tables), C8 and CC (arithmetic tables) do not.
            if (marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC))
            {
                height = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 7)..]);
                return true;
            }
            i += 2 + length;
        }
        return false;
    }
}
