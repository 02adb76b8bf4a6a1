using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Registry.Api.Features.OpenData;

/// <summary>
/// Newline-delimited JSON: one object a line, the same keys and values as the CSV columns, UTF-8 unescaped.
/// Sent in pieces (<see cref="RowPieces"/>), so it can stream to an HTTP response.
/// </summary>
public sealed class NdjsonRegisterWriter : IRegisterWriter
{
    private readonly RowPieces _pieces;
    private readonly Utf8JsonWriter _json;

    public NdjsonRegisterWriter(Stream output)
    {
        _pieces = new RowPieces(output);
        _json = new Utf8JsonWriter(_pieces.Pending, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
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
        _pieces.Pending.Write("\n"u8);
        await _pieces.EndRowAsync(ct);
    }

    public ValueTask CompleteAsync(CancellationToken ct) => _pieces.CompleteAsync(ct);

    public ValueTask DisposeAsync() => _json.DisposeAsync();
}
