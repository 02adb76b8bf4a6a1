namespace Registry.Api.Features.OpenData;

/// <summary>Writes the register row by row to one file format; rows arrive in registry-number order.</summary>
public interface IRegisterWriter : IAsyncDisposable
{
    ValueTask WriteAsync(RegisterRow row, CancellationToken ct);

    /// <summary>Writes what the format keeps until the end (footers, last row group) and flushes.</summary>
    ValueTask CompleteAsync(CancellationToken ct);
}

public sealed record RegisterFormat(string Name, string Extension, string MediaType, bool Gzipped, Func<Stream, IRegisterWriter> Create)
{
    public static readonly RegisterFormat Csv = new("csv", "csv", "text/csv; charset=utf-8; header=present", true, s => new CsvRegisterWriter(s));
    public static readonly RegisterFormat Ndjson = new("ndjson", "ndjson", "application/x-ndjson; charset=utf-8", true, s => new NdjsonRegisterWriter(s));
    public static readonly RegisterFormat Xlsx = new("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false, s => new XlsxRegisterWriter(s));
    public static readonly RegisterFormat Parquet = new("parquet", "parquet", "application/vnd.apache.parquet", false, s => new ParquetRegisterWriter(s));

    public static readonly IReadOnlyList<RegisterFormat> All = [Csv, Ndjson, Xlsx, Parquet];

    public static RegisterFormat? Find(string name) => All.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public string FileName => $"associations.{Extension}";
}
