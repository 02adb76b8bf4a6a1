using System.Data.Common;
using System.Text.Json;
using Dapper;
using Registry.Api.Data;
using Registry.Api.Web;

namespace Registry.Api.Features.Audit;

/// <summary>
/// The append-only record of every transition: who, when, what, why, before and after. Written inside the transaction of
/// the change it records; no route reads it back for editing, none deletes it, and the database refuses updates.
/// </summary>
public static class AuditLog
{
    internal static readonly Sql Insert = new("""
        INSERT INTO audit_log (occurred_at, actor, action, entity, entity_id, reason, before_state, after_state)
        VALUES (@OccurredAt, @Actor, @Action, @Entity, @EntityId, @Reason, @BeforeState, @AfterState)
        """);

    public static Task AppendAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect,
        string actor, string action, string entity, string entityId, string? reason, object? before, object? after, DateTimeOffset now) =>
        connection.ExecuteAsync(Insert.For(dialect), new
        {
            OccurredAt = now, Actor = actor, Action = action, Entity = entity, EntityId = entityId, Reason = reason,
            BeforeState = before is null ? null : JsonSerializer.Serialize(before, Json.Options),
            AfterState = after is null ? null : JsonSerializer.Serialize(after, Json.Options),
        }, transaction);
}
