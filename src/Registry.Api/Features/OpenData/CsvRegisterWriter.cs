using System.Text;

namespace Registry.Api.Features.OpenData;

/// <summary>
/// RFC 4180 CSV in UTF-8 with a byte-order mark (without it Excel reads Arabic as mojibake), CRLF line ends,
/// a header row, and formula-like text neutralised. Rows are gathered in memory and written asynchronously in
/// pieces of about 64 KB (the first row at once), so it can stream to an HTTP response.
/// </summary>
public sealed class CsvRegisterWriter(Stream output) : IRegisterWriter
{
    private const int Piece = 1 << 16;
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly StringBuilder _pending = new("\uFEFF" + string.Join(',', RegisterColumns.All.Select(c => c.Name)) + "\r\n");
    private long _rows;

    public async ValueTask WriteAsync(RegisterRow row, CancellationToken ct)
    {
        for (var i = 0; i < RegisterColumns.All.Count; i++)
        {
            if (i > 0) _pending.Append(',');
            var column = RegisterColumns.All[i];
            var text = column.Text(row);
            if (text is null) continue;
            AppendField(column.Type == ColumnType.String ? CellSafety.Neutralise(text)! : text);
        }
        _pending.Append("\r\n");
        if (++_rows == 1 || _pending.Length >= Piece) await FlushAsync(ct);
    }

    private void AppendField(string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _pending.Append(text);
            return;
        }
        _pending.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private async ValueTask FlushAsync(CancellationToken ct)
    {
        if (_pending.Length == 0) return;
        await output.WriteAsync(Utf8.GetBytes(_pending.ToString()), ct);
        _pending.Clear();
        if (_rows == 1) await output.FlushAsync(ct);
    }

    public async ValueTask CompleteAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        await output.FlushAsync(ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
