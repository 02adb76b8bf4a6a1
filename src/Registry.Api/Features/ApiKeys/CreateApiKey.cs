using System.Globalization;
using Dapper;
using FastEndpoints;
using FluentValidation.Results;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Audit;
using Registry.Api.Features.Identity;
using Registry.Api.Web;

namespace Registry.Api.Features.ApiKeys;

public sealed class NewApiKey
{
    /// <summary>Who the key is for, e.g. "Préfecture de Casablanca — guichet associations".</summary>
    public string Name { get; init; } = "";
    /// <summary>changes:read, and declarations:submit:RR.PPP for each province it may submit declarations for.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}

public sealed class CreatedApiKey
{
    public required ApiKey ApiKey { get; init; }
    /// <summary>The key, shown this once: send it in the X-Api-Key header. A replayed answer does not show it again.</summary>
    public string? Key { get; init; }
}

public sealed class CreateApiKeyRequest
{
    /// <summary>A unique value per new key (e.g. a UUID).</summary>
    [FromHeader(Idempotency.Header, isRequired: false, removeFromSchema: true)]
    public string? IdempotencyKey { get; init; }

    [FromBody]
    public NewApiKey ApiKey { get; init; } = new();
}

public sealed class CreateApiKey(Database db, Idempotency idempotency) : Endpoint<CreateApiKeyRequest, CreatedApiKey>
{
    public override void Configure()
    {
        Post("/v1/api-keys");
        Roles(RegistryRoles.Admin);
        Options(x => x.WithName("createApiKey").WithTags("API keys")
            .ClearDefaultProduces(200).Produces<CreatedApiKey>(201)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422));
        Summary(s =>
        {
            s.Summary = "Create an API key";
            s.Description = "Admin only. The key is returned once and stored only as a SHA-256 hash. Needs an Idempotency-Key header.";
        });
    }

    public override async Task HandleAsync(CreateApiKeyRequest req, CancellationToken ct)
    {
        var input = req.ApiKey ?? new();
        var scopes = (input.Scopes ?? []).Distinct().ToList();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200) ValidationFailures.Add(new ValidationFailure("name", "A name of 1 to 200 characters is required."));
        if (scopes.Count == 0) ValidationFailures.Add(new ValidationFailure("scopes", "At least one scope is required."));
        foreach (var scope in scopes.Where(s => !ApiKeyScopes.IsValid(s)))
            ValidationFailures.Add(new ValidationFailure("scopes", $"Unknown scope '{scope}': use {ApiKeyScopes.ChangesRead} or {ApiKeyScopes.SubmitPrefix}RR.PPP."));
        ThrowIfAnyErrors();

        var caller = Caller.From(User);
        await idempotency.ExecuteAsync(HttpContext, caller.Subject, req.IdempotencyKey, required: true, "createApiKey", input, async (c, tx, now, _) =>
        {
            foreach (var province in scopes.Where(s => s.StartsWith(ApiKeyScopes.SubmitPrefix, StringComparison.Ordinal)).Select(s => s[ApiKeyScopes.SubmitPrefix.Length..]))
                await Declarations.DeclarationStore.RegionOfAsync(c, tx, db.Dialect, province);
            var (key, prefix) = ApiKeyStore.NewKey();
            var id = await c.ExecuteScalarAsync<long>(db.Sql(ApiKeyStore.Insert), new
            {
                input.Name, Prefix = prefix, SecretHash = ApiKeyAuthenticationHandler.Hash(key), Scopes = string.Join(' ', scopes),
                CreatedBy = caller.Subject, Now = now,
            }, tx);
            var created = (await c.QuerySingleAsync<ApiKeyRow>(db.Sql(ApiKeyStore.ById), new { Id = id }, tx)).ToResponse();
            await AuditLog.AppendAsync(c, tx, db.Dialect, caller.Subject, "api_key.create", "api_key", id.ToString(CultureInfo.InvariantCulture),
                null, null, created, now);
            return new WriteResult(StatusCodes.Status201Created, new CreatedApiKey { ApiKey = created, Key = key },
                Replay: new CreatedApiKey { ApiKey = created });
        }, ct);
    }
}
