using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Registry.Api.Features.OpenData;

/// <summary>
/// Newline-delimited JSON: one object a line, the same keys and values as the CSV columns, UTF-8 unescaped.
/// Written asynchronously in pieces of about 64 KB (the first line at once), so it can stream to an HTTP response.
/// </summary>
public sealed class NdjsonRegisterWriter : IRegisterWriter
{
    private const int Piece = 1 << 16;
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _pending = new(Piece * 2);
    private readonly Utf8JsonWriter _json;
    private long _rows;

    public NdjsonRegisterWriter(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_pending, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    public async ValueTask WriteAsync(RegisterRow row, CancellationToken ct)
    {
        _json.WriteStartObject();
        foreach (var column in RegisterColumns.All)
        {
            var text = column.Text(row);
            if (text is null) _json.WriteNull(column.Name);
            else _json.WriteString(column.Name, text);
        }
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _pending.Write("\n"u8);
        if (++_rows == 1 || _pending.WrittenCount >= Piece) await FlushAsync(ct);
    }

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

    public ValueTask DisposeAsync() => _json.DisposeAsync();
}
