using System.Globalization;
using Dapper;
using FastEndpoints;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Audit;
using Registry.Api.Features.Identity;
using Registry.Api.Web;

namespace Registry.Api.Features.ApiKeys;

public sealed class ApiKeyIdRequest
{
    public long Id { get; init; }
}

public sealed class RevokeApiKey(Database db, TimeProvider clock) : Endpoint<ApiKeyIdRequest, ApiKey>
{
    public override void Configure()
    {
        Delete("/v1/api-keys/{id}");
        Roles(RegistryRoles.Admin);
        Options(x => x.WithName("revokeApiKey").WithTags("API keys").ProducesProblem(401).ProducesProblem(403).ProducesProblem(404));
        Summary(s =>
        {
            s.Summary = "Revoke an API key";
            s.Description = "The key stops working at once. Revoking a revoked key changes nothing. The key stays listed, with its revocation date.";
            s.Params["id"] = "The API key's id.";
        });
    }

    public override async Task HandleAsync(ApiKeyIdRequest req, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var key = await db.WriteAsync(async (c, tx, _) =>
        {
            var now = clock.GetUtcNow();
            var before = await c.QuerySingleOrDefaultAsync<ApiKeyRow>(db.Sql(ApiKeyStore.ById), new { req.Id }, tx)
                ?? throw ApiProblem.NotFound($"There is no API key {req.Id}. GET /v1/api-keys lists them.");
            if (await c.ExecuteAsync(db.Sql(ApiKeyStore.Revoke), new { req.Id, Now = now }, tx) == 0) return before.ToResponse();
            var after = (await c.QuerySingleAsync<ApiKeyRow>(db.Sql(ApiKeyStore.ById), new { req.Id }, tx)).ToResponse();
            await AuditLog.AppendAsync(c, tx, db.Dialect, caller.Subject, "api_key.revoke", "api_key", req.Id.ToString(CultureInfo.InvariantCulture),
                null, before.ToResponse(), after, now);
            return after;
        }, ct);
        await Send.OkAsync(key, ct);
    }
}
