using Parquet;
using Parquet.Schema;

namespace Registry.Api.Features.OpenData;

/// <summary>Parquet with typed columns (strings, DATE, TIMESTAMP), written in row groups so memory stays bounded.</summary>
public sealed class ParquetRegisterWriter(Stream output) : IRegisterWriter
{
    private const int RowGroupSize = 20_000;

    private static readonly ParquetSchema Schema = new(RegisterColumns.All.Select(c => (Field)(c.Type switch
    {
        ColumnType.Date => new DataField<DateOnly?>(c.Name),
        ColumnType.Timestamp => new DataField<DateTime?>(c.Name),
        _ => new DataField<string>(c.Name, true),
    })).ToArray());

    private readonly List<RegisterRow> _buffer = new(RowGroupSize);
    private ParquetWriter? _writer;

    public async ValueTask WriteAsync(RegisterRow row, CancellationToken ct)
    {
        _buffer.Add(row);
        if (_buffer.Count == RowGroupSize) await FlushRowGroupAsync(ct);
    }

    public async ValueTask CompleteAsync(CancellationToken ct)
    {
        if (_buffer.Count > 0 || _writer is null) await FlushRowGroupAsync(ct);
        if (_writer is not null) await _writer.DisposeAsync();
        _writer = null;
    }

    private async Task FlushRowGroupAsync(CancellationToken ct)
    {
        _writer ??= await ParquetWriter.CreateAsync(Schema, output, cancellationToken: ct);
        _writer.CustomMetadata = new Dictionary<string, string> { ["publisher"] = "Registry" };
        using var group = _writer.CreateRowGroup();
        var fields = Schema.GetDataFields();
        for (var i = 0; i < RegisterColumns.All.Count; i++)
        {
            var column = RegisterColumns.All[i];
            switch (column.Type)
            {
                case ColumnType.Date:
                    await group.WriteAsync(fields[i], new ReadOnlyMemory<DateOnly?>(_buffer.Select(r => (DateOnly?)column.Value(r)).ToArray()), cancellationToken: ct);
                    break;
                case ColumnType.Timestamp:
                    await group.WriteAsync(fields[i], new ReadOnlyMemory<DateTime?>(_buffer.Select(r => ((DateTimeOffset?)column.Value(r))?.UtcDateTime).ToArray()), cancellationToken: ct);
                    break;
                default:
                    await group.WriteAsync(fields[i], _buffer.Select(column.Text).ToArray()!);
                    break;
            }
        }
        _buffer.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
    }
}
