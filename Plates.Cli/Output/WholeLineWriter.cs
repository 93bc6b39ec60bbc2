using System.Text;

namespace Plates.Cli.Output;

/// <summary>
/// A text writer that hands its sink whole lines only, each in one call, so that a reader of standard output never
/// gets half a JSON line from buffering; text after the last line break waits for the next one, or for Flush.
/// When the sink fails, the writer throws <see cref="OutputFailedException"/> then and on every later write.
/// </summary>
public sealed class WholeLineWriter(Action<byte[]> sink) : TextWriter
{
    private static readonly Encoding s_utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly StringBuilder _pending = new();
    private OutputFailedException? _failure;

    public override Encoding Encoding => s_utf8;

    public override void Write(char value)
    {
        _pending.Append(value);
        if (value == '\n') Emit();
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        _pending.Append(value);
        if (value.Contains('\n')) Emit();
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        _pending.Append(value).Append(CoreNewLine);
        Emit();
    }

    public override void Flush()
    {
        if (_pending.Length > 0) Send(_pending.Length);
    }

    private void Emit()
    {
        int end = _pending.Length;
        while (end > 0 && _pending[end - 1] != '\n') end--;
        if (end > 0) Send(end);
    }

    private void Send(int length)
    {
        if (_failure is not null) throw _failure;
        string text = _pending.ToString(0, length);
        _pending.Remove(0, length);
        try
        {
            sink(s_utf8.GetBytes(text));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
            _failure = new OutputFailedException($"standard output could not be written: {e.Message}", e);
            throw _failure;
        }
    }
}
