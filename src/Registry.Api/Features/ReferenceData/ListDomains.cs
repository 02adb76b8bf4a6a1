using Dapper;
using FastEndpoints;
using Registry.Api.Data;

namespace Registry.Api.Features.ReferenceData;

public sealed class Domain
{
    /// <summary>Stable code used in filters, e.g. <c>environment</c>.</summary>
    public required string Code { get; init; }
    public required string NameFr { get; init; }
    public required string NameAr { get; init; }
    /// <summary>Group of the International Classification of Nonprofit Organizations (ICNPO) it belongs to.</summary>
    public required string IcnpoGroup { get; init; }
}

public sealed record DomainList(IReadOnlyList<Domain> Items);

public sealed class ListDomains(Database db) : EndpointWithoutRequest<DomainList>
{
    internal static readonly Sql Select = new("""
        SELECT code, name_fr AS NameFr, name_ar AS NameAr, icnpo_group AS IcnpoGroup
        FROM domains
        ORDER BY sort_order
        """);

    public override void Configure()
    {
        Get("/v1/domains");
        AllowAnonymous();
        Options(x => x.WithName("listDomains").WithTags("Reference data"));
        Summary(s =>
        {
            s.Summary = "List the activity domains";
            s.Description = "The registry's taxonomy of activity domains, built on the ICNPO classification, with French and Arabic labels.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var domains = await db.ReadAsync(async (c, _) => (await c.QueryAsync<Domain>(db.Sql(Select))).AsList(), ct);
        HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        await Send.OkAsync(new DomainList(domains), ct);
    }
}
