using System.Buffers;
using System.Text;

namespace Registry.Api.Features.OpenData;

/// <summary>
/// RFC 4180 CSV in UTF-8 with a byte-order mark (without it Excel reads Arabic as mojibake), CRLF line ends,
/// a header row, and formula-like text neutralised. Rows are encoded straight into UTF-8 and sent in pieces
/// (<see cref="RowPieces"/>), so it can stream to an HTTP response.
/// </summary>
public sealed class CsvRegisterWriter : IRegisterWriter
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly RowPieces _pieces;

    public CsvRegisterWriter(Stream output)
    {
        _pieces = new RowPieces(output);
        Append("\uFEFF" + string.Join(',', RegisterColumns.All.Select(c => c.Name)) + "\r\n");
    }

    public async ValueTask WriteAsync(RegisterRow row, CancellationToken ct)
    {
        for (var i = 0; i < RegisterColumns.All.Count; i++)
        {
            if (i > 0) _pieces.Pending.Write(","u8);
            var column = RegisterColumns.All[i];
            var text = column.Text(row);
            if (text is null) continue;
            AppendField(column.Type == ColumnType.String ? CellSafety.Neutralise(text)! : text);
        }
        _pieces.Pending.Write("\r\n"u8);
        await _pieces.EndRowAsync(ct);
    }

    private void AppendField(string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            Append(text);
            return;
        }
        _pieces.Pending.Write("\""u8);
        Append(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        _pieces.Pending.Write("\""u8);
    }

    private void Append(ReadOnlySpan<char> text) =>
        _pieces.Pending.Advance(Utf8.GetBytes(text, _pieces.Pending.GetSpan(Utf8.GetMaxByteCount(text.Length))));

    public ValueTask CompleteAsync(CancellationToken ct) => _pieces.CompleteAsync(ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
