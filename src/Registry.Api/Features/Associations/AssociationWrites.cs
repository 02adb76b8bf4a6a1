using System.Data.Common;
using Dapper;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Changes;
using Registry.Api.Features.Directory;

namespace Registry.Api.Features.Associations;

/// <summary>The public record of an association entering the register: the one way rows reach <c>associations</c>.</summary>
public sealed class NewAssociation
{
    public required string Kind { get; init; }
    public required string Scope { get; init; }
    public required string Status { get; init; }
    public string? NameFr { get; init; }
    public string? NameAr { get; init; }
    public string? NameZgh { get; init; }
    public string? Acronym { get; init; }
    public required string Object { get; init; }
    public required string SeatAddress { get; init; }
    public required string Commune { get; init; }
    public required string ProvinceCode { get; init; }
    public required string RegionCode { get; init; }
    public required DateOnly FoundedOn { get; init; }
    public string? ProvisionalReceiptNumber { get; init; }
    public DateOnly? ProvisionalReceiptDate { get; init; }
    public string? DefinitiveReceiptNumber { get; init; }
    public DateOnly? DefinitiveReceiptDate { get; init; }
    public string? PublicUtilityDecree { get; init; }
    public DateOnly? PublicUtilityDate { get; init; }
    public long? ParentId { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public string? Website { get; init; }
    public DateOnly? DissolvedOn { get; init; }
    public IReadOnlyList<string> Domains { get; init; } = [];
}

/// <summary>
/// Every write to an association's public record goes through here, inside the caller's transaction, so that
/// what must follow a change (updated_at and version for ETags, the change-feed event, the public timeline) always follows it.
/// </summary>
public static class AssociationWrites
{
    internal static readonly Sql AllocateRegistryNumbers = new(
        "UPDATE counters SET value = value + @Count {output value} WHERE name = 'registry_number' {returning value}");

    internal static readonly Sql Insert = new("""
        INSERT INTO associations (registry_number, kind, scope, status, name_fr, name_ar, name_zgh, acronym, object,
            seat_address, commune, province_code, region_code, founded_on,
            provisional_receipt_number, provisional_receipt_date, definitive_receipt_number, definitive_receipt_date,
            public_utility_decree, public_utility_date, parent_id, contact_email, contact_phone, website, dissolved_on,
            created_at, updated_at, version)
        {output id}
        VALUES (@RegistryNumber, @Kind, @Scope, @Status, @NameFr, @NameAr, @NameZgh, @Acronym, @Object,
            @SeatAddress, @Commune, @ProvinceCode, @RegionCode, @FoundedOn,
            @ProvisionalReceiptNumber, @ProvisionalReceiptDate, @DefinitiveReceiptNumber, @DefinitiveReceiptDate,
            @PublicUtilityDecree, @PublicUtilityDate, @ParentId, @ContactEmail, @ContactPhone, @Website, @DissolvedOn,
            @Now, @Now, 1)
        {returning id}
        """);

    internal static readonly Sql InsertDomain = new(
        "INSERT INTO association_domains (association_id, domain_code) VALUES (@AssociationId, @DomainCode)");

    /// <summary>Inserts the associations inside the caller's transaction and returns their ids and registry numbers, in order.</summary>
    public static async Task<IReadOnlyList<(long Id, RegistryNumber Number)>> InsertAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<NewAssociation> associations, DateTimeOffset now)
    {
        if (associations.Count == 0) return [];
        var last = await connection.ExecuteScalarAsync<long>(AllocateRegistryNumbers.For(dialect), new { Count = associations.Count }, transaction);
        var inserted = new List<(long, RegistryNumber)>(associations.Count);
        var sequence = last - associations.Count;
        foreach (var a in associations)
        {
            var number = new RegistryNumber(++sequence);
            var id = await connection.ExecuteScalarAsync<long>(Insert.For(dialect), new
            {
                RegistryNumber = number.ToString(), a.Kind, a.Scope, a.Status, a.NameFr, a.NameAr, a.NameZgh, a.Acronym, a.Object,
                a.SeatAddress, a.Commune, a.ProvinceCode, a.RegionCode, a.FoundedOn,
                a.ProvisionalReceiptNumber, a.ProvisionalReceiptDate, a.DefinitiveReceiptNumber, a.DefinitiveReceiptDate,
                a.PublicUtilityDecree, a.PublicUtilityDate, a.ParentId, a.ContactEmail, a.ContactPhone, a.Website, a.DissolvedOn,
                Now = now,
            }, transaction);
            foreach (var domain in a.Domains)
                await connection.ExecuteAsync(InsertDomain.For(dialect), new { AssociationId = id, DomainCode = domain }, transaction);
            await SearchIndex.AddAsync(connection, transaction, dialect, id, new SearchDocument(a.NameFr, a.NameAr, a.NameZgh, a.Acronym, a.Object));
            await ChangeFeed.AppendAsync(connection, transaction, dialect, id, now);
            inserted.Add((id, number));
        }
        return inserted;
    }

    internal static readonly Sql Touch = new("UPDATE associations SET updated_at = @Now, version = version + 1 WHERE id = @Id");

    /// <summary>
    /// Call after any UPDATE of an association's row or its domains: the record's version and date move on, and the
    /// directory's search index is rebuilt from the row as it now is, and the change feed publishes the change.
    /// </summary>
    public static async Task TouchAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, long id, DateTimeOffset now)
    {
        await connection.ExecuteAsync(Touch.For(dialect), new { Id = id, Now = now }, transaction);
        await SearchIndex.RefreshAsync(connection, transaction, dialect, id);
        await ChangeFeed.AppendAsync(connection, transaction, dialect, id, now);
    }

    internal static readonly Sql InsertHistory = new("""
        INSERT INTO association_history (association_id, occurred_on, type, reference, summary, recorded_at)
        VALUES (@AssociationId, @OccurredOn, @Type, @Reference, @Summary, @Now)
        """);

    /// <summary>Appends an entry to the public timeline (<see cref="HistoryEventType"/>). Public facts only.</summary>
    public static Task AppendHistoryAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect,
        long associationId, DateOnly occurredOn, string type, string? reference, string? summary, DateTimeOffset now) =>
        connection.ExecuteAsync(InsertHistory.For(dialect),
            new { AssociationId = associationId, OccurredOn = occurredOn, Type = type, Reference = reference, Summary = summary, Now = now }, transaction);
}
