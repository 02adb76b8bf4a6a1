using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.OpenData;

namespace Registry.Api.Features.Changes;

/// <summary>
/// Appends the change-feed event of a change to a public record, in the change's own transaction. The position comes
/// from a counter row updated in that transaction: writers queue on it, so positions commit in order, a rolled-back
/// change leaves no event and no gap, and two processes on one database share the one counter.
/// </summary>
public static class ChangeFeed
{
    internal static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static readonly Sql NextPosition = new("UPDATE counters SET value = value + 1 {output value} WHERE name = 'change_feed' {returning value}");
    internal static readonly Sql CurrentPosition = new("SELECT value FROM counters WHERE name = 'change_feed'");
    internal static readonly Sql SelectPublished = new("SELECT record FROM association_published WHERE association_id = @Id");
    internal static readonly Sql UpdatePublished = new("UPDATE association_published SET record = @Record WHERE association_id = @Id");
    internal static readonly Sql InsertPublished = new("INSERT INTO association_published (association_id, record) VALUES (@Id, @Record)");
    internal static readonly Sql InsertEvent = new("""
        INSERT INTO change_events (position, occurred_at, recorded_at, type, association_id, registry_number, region_code, province_code, kind, changed_fields, record)
        VALUES (@Position, @OccurredAt, {utc_now}, @Type, @AssociationId, @RegistryNumber, @RegionCode, @ProvinceCode, @Kind, @ChangedFields, @Record)
        """);

    /// <summary>Publishes the association's current public record: an event if any public field changed since the last one.</summary>
    public static async Task<long?> AppendAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, long associationId, DateTimeOffset now)
    {
        var row = await RegisterRow.ReadOneAsync(connection, transaction, dialect, associationId);
        var after = RegisterColumns.Texts(row);
        var previous = await connection.QuerySingleOrDefaultAsync<string>(SelectPublished.For(dialect), new { Id = associationId }, transaction);
        var before = previous is null ? null : JsonSerializer.Deserialize<Dictionary<string, string?>>(previous, Json);
        var type = ChangeType.Classify(before, after, out var changed);
        if (type is null) return null;

        var record = JsonSerializer.Serialize(after, Json);
        var position = await connection.ExecuteScalarAsync<long>(NextPosition.For(dialect), transaction: transaction);
        await connection.ExecuteAsync(InsertEvent.For(dialect), new
        {
            Position = position, OccurredAt = now, Type = type, AssociationId = associationId, row.RegistryNumber, row.RegionCode, row.ProvinceCode, row.Kind,
            ChangedFields = JsonSerializer.Serialize(changed, Json), Record = record,
        }, transaction);
        if (await connection.ExecuteAsync(UpdatePublished.For(dialect), new { Id = associationId, Record = record }, transaction) == 0)
            await connection.ExecuteAsync(InsertPublished.For(dialect), new { Id = associationId, Record = record }, transaction);
        return position;
    }
}
