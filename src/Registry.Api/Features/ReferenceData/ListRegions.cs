using Dapper;
using FastEndpoints;
using Registry.Api.Data;

namespace Registry.Api.Features.ReferenceData;

public sealed class Region
{
    /// <summary>Two-digit region code, 01 to 12.</summary>
    public required string Code { get; init; }
    /// <summary>ISO 3166-2 code, e.g. MA-06.</summary>
    public required string IsoCode { get; init; }
    public required string NameFr { get; init; }
    public required string NameAr { get; init; }
    /// <summary>Seat of the region (chef-lieu).</summary>
    public required string CapitalFr { get; init; }
    public int ProvinceCount { get; init; }
}

public sealed record RegionList(IReadOnlyList<Region> Items);

public sealed class ListRegions(Database db) : EndpointWithoutRequest<RegionList>
{
    internal const string Regions = """
        SELECT r.code, r.iso_code AS IsoCode, r.name_fr AS NameFr, r.name_ar AS NameAr, r.capital_fr AS CapitalFr,
               (SELECT COUNT(*) FROM provinces p WHERE p.region_code = r.code) AS ProvinceCount
        FROM regions r
        """;

    internal static readonly Sql Select = new(Regions + "\nORDER BY r.code");

    public override void Configure()
    {
        Get("/v1/regions");
        AllowAnonymous();
        Options(x => x.WithName("listRegions").WithTags("Reference data"));
        Summary(s =>
        {
            s.Summary = "List the 12 regions";
            s.Description = "The regions of decree 2-15-40 (2015), with French and Arabic names, ISO 3166-2 codes and their number of prefectures and provinces.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var regions = await db.ReadAsync(async (c, _) => (await c.QueryAsync<Region>(db.Sql(Select))).AsList(), ct);
        HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        await Send.OkAsync(new RegionList(regions), ct);
    }
}
