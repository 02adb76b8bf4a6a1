using System.Text;

namespace Registry.Api.Features.OpenData;

/// <summary>
/// RFC 4180 CSV in UTF-8 with a byte-order mark (without it Excel reads Arabic as mojibake), CRLF line ends,
/// a header row, and formula-like text neutralised.
/// </summary>
public sealed class CsvRegisterWriter : IRegisterWriter
{
    private readonly StreamWriter _writer;
    private long _rows;

    public CsvRegisterWriter(Stream output)
    {
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        for (var i = 0; i < RegisterColumns.All.Count; i++)
        {
            if (i > 0) _writer.Write(',');
            _writer.Write(RegisterColumns.All[i].Name);
        }
        _writer.Write("\r\n");
    }

    public async ValueTask WriteAsync(RegisterRow row, CancellationToken ct)
    {
        for (var i = 0; i < RegisterColumns.All.Count; i++)
        {
            if (i > 0) _writer.Write(',');
            var column = RegisterColumns.All[i];
            var text = column.Text(row);
            if (text is null) continue;
            WriteField(column.Type == ColumnType.String ? CellSafety.Neutralise(text)! : text);
        }
        _writer.Write("\r\n");
        // Over HTTP: the first row goes out at once, then in buffer-sized pieces.
        if (++_rows == 1 && _writer.BaseStream is not FileStream) await _writer.FlushAsync(ct);
    }

    private void WriteField(string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _writer.Write(text);
            return;
        }
        _writer.Write('"');
        _writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }

    public async ValueTask CompleteAsync(CancellationToken ct) => await _writer.FlushAsync(ct);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
