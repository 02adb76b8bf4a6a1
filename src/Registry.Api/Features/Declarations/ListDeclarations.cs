using Dapper;
using FastEndpoints;
using FluentValidation.Results;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Identity;

namespace Registry.Api.Features.Declarations;

public sealed class ListDeclarationsRequest
{
    /// <summary>Only declarations in this status.</summary>
    [QueryParam] public string? Status { get; init; }
    /// <summary>Only declarations of this kind.</summary>
    [QueryParam] public string? Kind { get; init; }
    /// <summary>The <c>next</c> value of the previous page.</summary>
    [QueryParam] public long? After { get; init; }
    /// <summary>Page size, 1 to 200 (default 50).</summary>
    [QueryParam] public int? Limit { get; init; }
}

public sealed class ListDeclarations(Database db) : Endpoint<ListDeclarationsRequest, DeclarationList>
{
    public override void Configure()
    {
        Get("/v1/declarations");
        Roles(RegistryRoles.Representative, RegistryRoles.Machine, RegistryRoles.Agent, RegistryRoles.Registrar);
        Options(x => x.WithName("listDeclarations").WithTags("Declarations").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403));
        Summary(s =>
        {
            s.Summary = "List declarations";
            s.Description = "A representative or machine client sees the declarations it filed; an agent, those deposited in their prefecture or province; the registrar, all deposited ones. Oldest first, by pages.";
        });
    }

    public override async Task HandleAsync(ListDeclarationsRequest req, CancellationToken ct)
    {
        if (req.Status is not null && !DeclarationStatus.All.Contains(req.Status))
            ValidationFailures.Add(new ValidationFailure("status", $"Status must be one of: {string.Join(", ", DeclarationStatus.All)}."));
        if (req.Kind is not null && !DeclarationKind.All.Contains(req.Kind))
            ValidationFailures.Add(new ValidationFailure("kind", $"Kind must be one of: {string.Join(", ", DeclarationKind.All)}."));
        if (req.Limit is < 1 or > 200) ValidationFailures.Add(new ValidationFailure("limit", "Limit must be between 1 and 200."));
        ThrowIfAnyErrors();

        var caller = Caller.From(User);
        var limit = req.Limit ?? 50;
        var filer = caller.Role is RegistryRoles.Representative or RegistryRoles.Machine;
        var rows = await db.ReadAsync(async (c, _) => (await c.QueryAsync<DeclarationRow>(db.Sql(DeclarationStore.List), new
        {
            After = req.After ?? 0,
            FiledBy = filer ? caller.Subject : null,
            IncludeDrafts = filer ? 1 : 0,
            Province = caller.Role == RegistryRoles.Agent ? caller.Province : null,
            req.Status, req.Kind, Limit = limit + 1,
        })).AsList(), ct);
        HttpContext.Response.Headers.CacheControl = "private, no-store";
        await Send.OkAsync(new DeclarationList
        {
            Items = rows.Take(limit).Select(r => r.ToResponse()).ToList(),
            Next = rows.Count > limit ? rows[limit - 1].Id : null,
        }, ct);
    }
}
