using System.Data.Common;
using Dapper;
using Registry.Api.Data;

namespace Registry.Api.Features.Associations;

/// <summary>Public fields a declared change or a correction sets; null leaves a field as it is.</summary>
public sealed class AssociationChange
{
    public string? Scope { get; init; }
    public string? NameFr { get; init; }
    public string? NameAr { get; init; }
    public string? NameZgh { get; init; }
    public string? Acronym { get; init; }
    public string? Object { get; init; }
    public string? SeatAddress { get; init; }
    public string? Commune { get; init; }
    public string? ProvinceCode { get; init; }
    public string? RegionCode { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public string? Website { get; init; }
    public IReadOnlyList<string>? Domains { get; init; }
}

/// <summary>
/// The workflow's updates of an association's public row. Each ends with <see cref="AssociationWrites.TouchAsync"/>,
/// inside the caller's transaction, so the record's version, date and search index follow every change.
/// </summary>
public static class AssociationUpdates
{
    internal static readonly Sql SetStatus = new("UPDATE associations SET status = @Status WHERE id = @Id");
    internal static readonly Sql SetDefinitiveReceipt = new("""
        UPDATE associations SET status = @Status, definitive_receipt_number = @Number, definitive_receipt_date = @Date WHERE id = @Id
        """);
    internal static readonly Sql Apply = new("""
        UPDATE associations SET
            scope = COALESCE(@Scope, scope), name_fr = COALESCE(@NameFr, name_fr), name_ar = COALESCE(@NameAr, name_ar),
            name_zgh = COALESCE(@NameZgh, name_zgh), acronym = COALESCE(@Acronym, acronym), object = COALESCE(@Object, object),
            seat_address = COALESCE(@SeatAddress, seat_address), commune = COALESCE(@Commune, commune),
            province_code = COALESCE(@ProvinceCode, province_code), region_code = COALESCE(@RegionCode, region_code),
            contact_email = COALESCE(@ContactEmail, contact_email), contact_phone = COALESCE(@ContactPhone, contact_phone),
            website = COALESCE(@Website, website)
        WHERE id = @Id
        """);
    internal static readonly Sql DeleteDomains = new("DELETE FROM association_domains WHERE association_id = @Id");
    internal static readonly Sql SetPublicUtility = new("UPDATE associations SET public_utility_decree = @Decree, public_utility_date = @Date WHERE id = @Id");
    internal static readonly Sql Dissolve = new("UPDATE associations SET status = 'dissolved', dissolved_on = @Date WHERE id = @Id");

    public static async Task SetStatusAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, long id, string status, DateTimeOffset now)
    {
        await c.ExecuteAsync(SetStatus.For(dialect), new { Id = id, Status = status }, tx);
        await AssociationWrites.TouchAsync(c, tx, dialect, id, now);
    }

    public static async Task SetDefinitiveReceiptAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, long id, string status,
        string number, DateOnly date, DateTimeOffset now)
    {
        await c.ExecuteAsync(SetDefinitiveReceipt.For(dialect), new { Id = id, Status = status, Number = number, Date = date }, tx);
        await AssociationWrites.TouchAsync(c, tx, dialect, id, now);
    }

    public static async Task ApplyAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, long id, AssociationChange change, DateTimeOffset now)
    {
        await c.ExecuteAsync(Apply.For(dialect), new
        {
            Id = id, change.Scope, change.NameFr, change.NameAr, change.NameZgh, change.Acronym, change.Object, change.SeatAddress,
            change.Commune, change.ProvinceCode, change.RegionCode, change.ContactEmail, change.ContactPhone, change.Website,
        }, tx);
        if (change.Domains is { Count: > 0 } domains)
        {
            await c.ExecuteAsync(DeleteDomains.For(dialect), new { Id = id }, tx);
            foreach (var domain in domains.Distinct())
                await c.ExecuteAsync(AssociationWrites.InsertDomain.For(dialect), new { AssociationId = id, DomainCode = domain }, tx);
        }
        await AssociationWrites.TouchAsync(c, tx, dialect, id, now);
    }

    public static async Task SetPublicUtilityAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, long id, string decree, DateOnly date, DateTimeOffset now)
    {
        await c.ExecuteAsync(SetPublicUtility.For(dialect), new { Id = id, Decree = decree, Date = date }, tx);
        await AssociationWrites.TouchAsync(c, tx, dialect, id, now);
    }

    public static async Task DissolveAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, long id, DateOnly date, DateTimeOffset now)
    {
        await c.ExecuteAsync(Dissolve.For(dialect), new { Id = id, Date = date }, tx);
        await AssociationWrites.TouchAsync(c, tx, dialect, id, now);
    }
}
