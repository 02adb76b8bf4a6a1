using Dapper;
using FastEndpoints;
using Registry.Api.Data;
using Registry.Api.Domain;

namespace Registry.Api.Features.ApiKeys;

public sealed class ApiKeyList
{
    public required IReadOnlyList<ApiKey> Items { get; init; }
}

public sealed class ListApiKeys(Database db) : EndpointWithoutRequest<ApiKeyList>
{
    public override void Configure()
    {
        Get("/v1/api-keys");
        Roles(RegistryRoles.Admin);
        Options(x => x.WithName("listApiKeys").WithTags("API keys").ProducesProblem(401).ProducesProblem(403));
        Summary(s => s.Summary = "List API keys (never the keys themselves)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var keys = await db.ReadAsync(async (c, _) => (await c.QueryAsync<ApiKeyRow>(db.Sql(ApiKeyStore.All))).Select(k => k.ToResponse()).ToList(), ct);
        HttpContext.Response.Headers.CacheControl = "private, no-store";
        await Send.OkAsync(new ApiKeyList { Items = keys }, ct);
    }
}
