using Dapper;
using FastEndpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Api.Data;
using Registry.Api.Web;

namespace Registry.Api.Features.ReferenceData;

public sealed class Province
{
    /// <summary>RR.PPP code: region code and three-digit unit code, e.g. 06.141.</summary>
    public required string Code { get; init; }
    /// <summary>ISO 3166-2 code, e.g. MA-CAS.</summary>
    public required string IsoCode { get; init; }
    /// <summary><c>prefecture</c> or <c>province</c>.</summary>
    public required string Type { get; init; }
    public required string NameFr { get; init; }
    public required string NameAr { get; init; }
    public required string RegionCode { get; init; }
}

public sealed record ProvinceList(IReadOnlyList<Province> Items);

public sealed class ListRegionProvinces(Database db) : Endpoint<RegionCodeRequest, Results<Ok<ProvinceList>, ProblemHttpResult>>
{
    internal static readonly Sql Select = new("""
        SELECT code, iso_code AS IsoCode, type, name_fr AS NameFr, name_ar AS NameAr, region_code AS RegionCode
        FROM provinces
        WHERE region_code = @Code
        ORDER BY code
        """);

    public override void Configure()
    {
        Get("/v1/regions/{code}/provinces");
        AllowAnonymous();
        Options(x => x.WithName("listRegionProvinces").WithTags("Reference data").ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "List the prefectures and provinces of a region";
            s.Params["code"] = "Two-digit region code, 01 to 12.";
        });
    }

    public override async Task<Results<Ok<ProvinceList>, ProblemHttpResult>> ExecuteAsync(RegionCodeRequest req, CancellationToken ct)
    {
        var provinces = await db.ReadAsync(async (c, _) =>
        {
            var exists = await c.ExecuteScalarAsync<int>(db.Sql(RegionExists), new { req.Code });
            return exists == 0 ? null : (await c.QueryAsync<Province>(db.Sql(Select), new { req.Code })).AsList();
        }, ct);
        if (provinces is null)
            return Problems.NotFound($"There is no region with code '{req.Code}'. Region codes run from 01 to 12; GET /v1/regions lists them.");
        HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Ok(new ProvinceList(provinces));
    }

    private static readonly Sql RegionExists = new("SELECT COUNT(*) FROM regions WHERE code = @Code");
}
