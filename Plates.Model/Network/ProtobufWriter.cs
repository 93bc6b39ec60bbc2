using System.Buffers.Binary;
using System.Text;

namespace Plates.Model.Network;

/// <summary>
/// The few parts of the protocol-buffer wire format an ONNX model needs: varints, length-delimited strings and nested
/// messages, and packed repeated floats and int64s. No ONNX message classes are available here (only the protobuf
/// runtime), and writing the bytes directly is shorter than generating them.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int VarintWireType = 0;
    private const int LengthDelimitedWireType = 2;

    private readonly MemoryStream _buffer = new();

    public byte[] ToArray() => _buffer.ToArray();

    /// <summary>An int32, int64 or enum field; negative values take ten bytes, as the format requires.</summary>
    public ProtobufWriter Int64(int field, long value)
    {
        WriteTag(field, VarintWireType);
        WriteVarint(unchecked((ulong)value));
        return this;
    }

    public ProtobufWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtobufWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimitedWireType);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    /// <summary>A nested message, written by <paramref name="build"/> into its own buffer so its length is known first.</summary>
    public ProtobufWriter Message(int field, Action<ProtobufWriter> build)
    {
        var inner = new ProtobufWriter();
        build(inner);
        return Bytes(field, inner._buffer.GetBuffer().AsSpan(0, (int)inner._buffer.Length));
    }

    /// <summary>A repeated float field, packed: one length prefix, then four little-endian bytes per value.</summary>
    public ProtobufWriter PackedFloats(int field, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return Bytes(field, bytes);
    }

    /// <summary>A repeated int64 field, packed: one length prefix, then the varints.</summary>
    public ProtobufWriter PackedInt64s(int field, ReadOnlySpan<long> values)
    {
        var inner = new ProtobufWriter();
        foreach (long value in values) inner.WriteVarint(unchecked((ulong)value));
        return Bytes(field, inner._buffer.GetBuffer().AsSpan(0, (int)inner._buffer.Length));
    }

    private void WriteTag(int field, int wireType)
    {
        if (field <= 0) throw new ArgumentOutOfRangeException(nameof(field), field, "Protobuf field numbers start at 1.");
        WriteVarint(((ulong)field << 3) | (uint)wireType);
    }

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
