using System.Globalization;
using System.Text.Json;
using Dapper;
using FastEndpoints;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Identity;

namespace Registry.Api.Features.Declarations;

public sealed class AuditEntry
{
    public required long Id { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>Who: the subject of the token or API key, or registry:receipt-clock for the 60-day rule.</summary>
    public required string Actor { get; init; }
    /// <summary>What, e.g. declaration.deposit, declaration.receipt_issued.</summary>
    public required string Action { get; init; }
    /// <summary>Why: the written reason of a decision, when there is one.</summary>
    public string? Reason { get; init; }
    /// <summary>The declaration's workflow state before (status, version, receipts, reviewer); never its declared content.</summary>
    public JsonElement? Before { get; init; }
    public JsonElement? After { get; init; }
}

public sealed class AuditTrail
{
    public required IReadOnlyList<AuditEntry> Items { get; init; }
}

public sealed class ListDeclarationAudit(Database db) : Endpoint<DeclarationIdRequest, AuditTrail>
{
    internal static readonly Sql Select = new("""
        SELECT id, occurred_at AS OccurredAt, actor, action, reason, before_state AS BeforeState, after_state AS AfterState
        FROM audit_log WHERE entity = 'declaration' AND entity_id = @EntityId ORDER BY id
        """);

    private sealed class Row
    {
        public long Id { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Actor { get; init; } = "";
        public string Action { get; init; } = "";
        public string? Reason { get; init; }
        public string? BeforeState { get; init; }
        public string? AfterState { get; init; }
    }

    public override void Configure()
    {
        Get("/v1/declarations/{id}/audit");
        Roles(RegistryRoles.Representative, RegistryRoles.Machine, RegistryRoles.Agent, RegistryRoles.Registrar);
        Options(x => x.WithName("listDeclarationAudit").WithTags("Declarations").ProducesProblem(401).ProducesProblem(403).ProducesProblem(404));
        Summary(s =>
        {
            s.Summary = "Read a declaration's audit trail";
            s.Description = "Every transition of the declaration: who, when, what, why, and its workflow state before and after. Append-only: no route changes it. For those who may read the declaration.";
            s.Params["id"] = "The declaration's id.";
        });
    }

    public override async Task HandleAsync(DeclarationIdRequest req, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var rows = await db.ReadAsync(async (c, _) =>
        {
            var declaration = await DeclarationStore.FindAsync(c, null, db.Dialect, req.Id);
            if (declaration is null || !DeclarationStore.MayRead(caller, declaration)) throw DeclarationStore.NotFound(req.Id);
            return (await c.QueryAsync<Row>(db.Sql(Select), new { EntityId = req.Id.ToString(CultureInfo.InvariantCulture) })).AsList();
        }, ct);
        HttpContext.Response.Headers.CacheControl = "private, no-store";
        await Send.OkAsync(new AuditTrail
        {
            Items = rows.Select(r => new AuditEntry
            {
                Id = r.Id, OccurredAt = r.OccurredAt, Actor = r.Actor, Action = r.Action, Reason = r.Reason,
                Before = r.BeforeState is null ? null : JsonDocument.Parse(r.BeforeState).RootElement.Clone(),
                After = r.AfterState is null ? null : JsonDocument.Parse(r.AfterState).RootElement.Clone(),
            }).ToList(),
        }, ct);
    }
}
