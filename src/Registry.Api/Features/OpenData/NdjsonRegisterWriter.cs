using System.Text.Encodings.Web;
using System.Text.Json;

namespace Registry.Api.Features.OpenData;

/// <summary>Newline-delimited JSON: one object a line, the same keys and values as the CSV columns, UTF-8 unescaped.</summary>
public sealed class NdjsonRegisterWriter(Stream output) : IRegisterWriter
{
    private long _rows;
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });

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
        output.WriteByte((byte)'\n');
        if (++_rows == 1 && output is not FileStream) await output.FlushAsync(ct);
    }

    public async ValueTask CompleteAsync(CancellationToken ct) => await output.FlushAsync(ct);

    public ValueTask DisposeAsync() => _json.DisposeAsync();
}
