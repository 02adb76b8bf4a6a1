using System.Buffers;
using System.Text;

namespace Registry.Api.Features.OpenData;

/// <summary>
/// RFC 4180 CSV in UTF-8 with a byte-order mark (without it Excel reads Arabic as mojibake), CRLF line ends,
/// a header row, and formula-like text neutralised. Rows are encoded straight into a buffer and written asynchronously
/// in pieces of about 64 KB (the first row at once), so it can stream to an HTTP response.
/// </summary>
public sealed class CsvRegisterWriter : IRegisterWriter
{
    private const int Piece = 1 << 16;
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _pending = new(Piece * 2);
    private long _rows;

    public CsvRegisterWriter(Stream output)
    {
        _output = output;
        Append("\uFEFF" + string.Join(',', RegisterColumns.All.Select(c => c.Name)) + "\r\n");
    }

    public async ValueTask WriteAsync(RegisterRow row, CancellationToken ct)
    {
        for (var i = 0; i < RegisterColumns.All.Count; i++)
        {
            if (i > 0) _pending.Write(","u8);
            var column = RegisterColumns.All[i];
            var text = column.Text(row);
            if (text is null) continue;
            AppendField(column.Type == ColumnType.String ? CellSafety.Neutralise(text)! : text);
        }
        _pending.Write("\r\n"u8);
        if (++_rows == 1 || _pending.WrittenCount >= Piece) await FlushAsync(ct);
    }

    private void AppendField(string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            Append(text);
            return;
        }
        _pending.Write("\""u8);
        Append(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        _pending.Write("\""u8);
    }

    private void Append(ReadOnlySpan<char> text) =>
        _pending.Advance(Utf8.GetBytes(text, _pending.GetSpan(Utf8.GetMaxByteCount(text.Length))));

    private async ValueTask FlushAsync(CancellationToken ct)
    {
        if (_pending.WrittenCount == 0) return;
        await _output.WriteAsync(_pending.WrittenMemory, ct);
        _pending.ResetWrittenCount();
        if (_rows == 1) await _output.FlushAsync(ct);
    }

    public async ValueTask CompleteAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        await _output.FlushAsync(ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
