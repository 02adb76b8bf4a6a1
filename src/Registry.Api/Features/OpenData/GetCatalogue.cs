using FastEndpoints;
using Microsoft.Extensions.Options;

namespace Registry.Api.Features.OpenData;

public sealed class Licence
{
    public required string Name { get; init; }
    public required string Url { get; init; }
    /// <summary>How to cite the source when reusing the data.</summary>
    public required string Attribution { get; init; }
}

public sealed class CatalogueFile
{
    /// <summary>csv, ndjson, xlsx or parquet.</summary>
    public required string Format { get; init; }
    public required string FileName { get; init; }
    public required string MediaType { get; init; }
    /// <summary>True for the gzip-compressed variant of a format.</summary>
    public bool Compressed { get; init; }
    public long SizeBytes { get; init; }
    /// <summary>SHA-256 of the bytes served, in lowercase hex.</summary>
    public required string Sha256 { get; init; }
    public required string Url { get; init; }
}

public sealed class CatalogueSnapshot
{
    public required string Id { get; init; }
    public DateTimeOffset TakenAt { get; init; }
    /// <summary>Position in the change feed the snapshot is consistent with; follow the feed from there.</summary>
    public long? FeedPosition { get; init; }
    public long RowCount { get; init; }
    public required IReadOnlyList<CatalogueFile> Files { get; init; }
}

public sealed class Catalogue
{
    public required string Title { get; init; }
    public required string Publisher { get; init; }
    public required Licence Licence { get; init; }
    public required string DictionaryUrl { get; init; }
    public required string DataPackageUrl { get; init; }
    public required string DcatUrl { get; init; }
    public CatalogueSnapshot? Latest { get; init; }
    /// <summary>Every snapshot kept, newest first.</summary>
    public required IReadOnlyList<CatalogueSnapshot> Snapshots { get; init; }

    public static async Task<Catalogue> BuildAsync(Snapshots snapshots, OpenDataOptions options, CancellationToken ct)
    {
        var kept = await snapshots.ListAsync(ct);
        var all = kept.Select(s => Describe(s, s.Id)).ToList();
        var latest = kept.FirstOrDefault();
        return new Catalogue
        {
            Title = "Registre national des associations du Maroc",
            Publisher = options.Publisher,
            Licence = new Licence { Name = options.LicenceName, Url = options.LicenceUrl, Attribution = options.Attribution },
            DictionaryUrl = "/v1/open-data/dictionary",
            DataPackageUrl = "/v1/open-data/datapackage.json",
            DcatUrl = "/v1/open-data/catalog.jsonld",
            Latest = latest is null ? null : Describe(latest, "latest"),
            Snapshots = all,
        };
    }

    private static CatalogueSnapshot Describe(Snapshot s, string pathId) => new()
    {
        Id = s.Id,
        TakenAt = s.TakenAt,
        FeedPosition = s.FeedPosition,
        RowCount = s.RowCount,
        Files = s.Files.Select(f => new CatalogueFile
        {
            Format = f.Format, FileName = f.FileName, MediaType = f.MediaType, Compressed = f.Compressed,
            SizeBytes = f.SizeBytes, Sha256 = f.Sha256, Url = $"/v1/open-data/{pathId}/{f.FileName}",
        }).ToList(),
    };
}

public sealed class GetCatalogue(Snapshots snapshots, IOptions<OpenDataOptions> options) : EndpointWithoutRequest<Catalogue>
{
    public override void Configure()
    {
        Get("/v1/open-data");
        AllowAnonymous();
        Options(x => x.WithName("getOpenDataCatalogue").WithTags("Open data"));
        Summary(s =>
        {
            s.Summary = "Catalogue of the open-data snapshots";
            s.Description = "Every snapshot of the public register kept, newest first, with its date, row count, change-feed position, and for each file its format, size, SHA-256 and link; the licence and how to cite the source.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        HttpContext.Response.Headers.CacheControl = "public, max-age=60";
        await Send.OkAsync(await Catalogue.BuildAsync(snapshots, options.Value, ct), ct);
    }
}
