using Dapper;
using FastEndpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Api.Data;
using Registry.Api.Web;

namespace Registry.Api.Features.ReferenceData;

public sealed class RegionCodeRequest
{
    /// <summary>Two-digit region code, 01 to 12.</summary>
    public string Code { get; init; } = "";
}

public sealed class RegionDetail
{
    public required Region Region { get; init; }
    public required IReadOnlyList<Province> Provinces { get; init; }
}

public sealed class GetRegion(Database db) : Endpoint<RegionCodeRequest, Results<Ok<RegionDetail>, ProblemHttpResult>>
{
    internal static readonly Sql Select = new(ListRegions.Regions + "\nWHERE r.code = @Code");

    public override void Configure()
    {
        Get("/v1/regions/{code}");
        AllowAnonymous();
        Options(x => x.WithName("getRegion").WithTags("Reference data").ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get a region and its prefectures and provinces";
            s.Params["code"] = "Two-digit region code, 01 to 12.";
        });
    }

    public override async Task<Results<Ok<RegionDetail>, ProblemHttpResult>> ExecuteAsync(RegionCodeRequest req, CancellationToken ct)
    {
        var detail = await db.ReadAsync(async (c, _) =>
        {
            var region = await c.QuerySingleOrDefaultAsync<Region>(db.Sql(Select), new { req.Code });
            if (region is null) return null;
            var provinces = await c.QueryAsync<Province>(db.Sql(ListRegionProvinces.Select), new { req.Code });
            return new RegionDetail { Region = region, Provinces = provinces.AsList() };
        }, ct);
        if (detail is null)
            return Problems.NotFound($"There is no region with code '{req.Code}'. Region codes run from 01 to 12; GET /v1/regions lists them.");
        HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Ok(detail);
    }
}
