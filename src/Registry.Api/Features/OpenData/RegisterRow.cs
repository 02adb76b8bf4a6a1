using System.Data;
using System.Data.Common;
using Dapper;
using Registry.Api.Data;

namespace Registry.Api.Features.OpenData;

/// <summary>One association as published in the open-data files: the public record, flattened. No personal data.</summary>
public sealed class RegisterRow
{
    public string RegistryNumber { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Scope { get; init; } = "";
    public string Status { get; init; } = "";
    public string? NameFr { get; init; }
    public string? NameAr { get; init; }
    public string? NameZgh { get; init; }
    public string? Acronym { get; init; }
    public string Object { get; init; } = "";
    public string? Domains { get; init; }
    public string SeatAddress { get; init; } = "";
    public string Commune { get; init; } = "";
    public string ProvinceCode { get; init; } = "";
    public string ProvinceNameFr { get; init; } = "";
    public string ProvinceNameAr { get; init; } = "";
    public string RegionCode { get; init; } = "";
    public string RegionNameFr { get; init; } = "";
    public string RegionNameAr { get; init; } = "";
    public DateOnly FoundedOn { get; init; }
    public string? ProvisionalReceiptNumber { get; init; }
    public DateOnly? ProvisionalReceiptDate { get; init; }
    public string? DefinitiveReceiptNumber { get; init; }
    public DateOnly? DefinitiveReceiptDate { get; init; }
    public string? PublicUtilityDecree { get; init; }
    public DateOnly? PublicUtilityDate { get; init; }
    public string? ParentRegistryNumber { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public string? Website { get; init; }
    public DateOnly? DissolvedOn { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    internal const string Select = """
        SELECT a.registry_number AS RegistryNumber, a.kind, a.scope, a.status,
               a.name_fr AS NameFr, a.name_ar AS NameAr, a.name_zgh AS NameZgh, a.acronym, a.object,
               (SELECT {string_agg d.domain_code} FROM association_domains d WHERE d.association_id = a.id) AS Domains,
               a.seat_address AS SeatAddress, a.commune,
               a.province_code AS ProvinceCode, p.name_fr AS ProvinceNameFr, p.name_ar AS ProvinceNameAr,
               a.region_code AS RegionCode, r.name_fr AS RegionNameFr, r.name_ar AS RegionNameAr,
               a.founded_on AS FoundedOn,
               a.provisional_receipt_number AS ProvisionalReceiptNumber, a.provisional_receipt_date AS ProvisionalReceiptDate,
               a.definitive_receipt_number AS DefinitiveReceiptNumber, a.definitive_receipt_date AS DefinitiveReceiptDate,
               a.public_utility_decree AS PublicUtilityDecree, a.public_utility_date AS PublicUtilityDate,
               parent.registry_number AS ParentRegistryNumber,
               a.contact_email AS ContactEmail, a.contact_phone AS ContactPhone, a.website,
               a.dissolved_on AS DissolvedOn, a.updated_at AS UpdatedAt
        FROM associations a
        JOIN provinces p ON p.code = a.province_code
        JOIN regions r ON r.code = a.region_code
        LEFT JOIN associations parent ON parent.id = a.parent_id
        """;

    internal static readonly Sql SelectAll = new(Select + " ORDER BY a.registry_number");

    internal static readonly Sql SelectOne = new(Select + " WHERE a.id = @Id");

    /// <summary>Streams every public record in registry-number order, inside the caller's read transaction.</summary>
    public static IAsyncEnumerable<RegisterRow> ReadAll(DbConnection connection, DbTransaction transaction, SqlDialect dialect) =>
        connection.QueryUnbufferedAsync<RegisterRow>(SelectAll.For(dialect), transaction: transaction)
            .Select(SortDomains);

    /// <summary>Streams the rows a statement selects (one built on <see cref="Select"/>), with their domains in order.</summary>
    public static IAsyncEnumerable<RegisterRow> Read(DbConnection connection, DbTransaction transaction, string sql, object parameters) =>
        connection.QueryUnbufferedAsync<RegisterRow>(sql, parameters, transaction).Select(SortDomains);

    /// <summary>One association's public record, inside the caller's transaction.</summary>
    public static async Task<RegisterRow> ReadOneAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, long id) =>
        SortDomains(await connection.QuerySingleAsync<RegisterRow>(SelectOne.For(dialect), new { Id = id }, transaction));

    private static RegisterRow SortDomains(RegisterRow row) => row.Domains is null || !row.Domains.Contains(';') ? row : new RegisterRow
    {
        RegistryNumber = row.RegistryNumber, Kind = row.Kind, Scope = row.Scope, Status = row.Status,
        NameFr = row.NameFr, NameAr = row.NameAr, NameZgh = row.NameZgh, Acronym = row.Acronym, Object = row.Object,
        Domains = string.Join(';', row.Domains.Split(';').Order(StringComparer.Ordinal)),
        SeatAddress = row.SeatAddress, Commune = row.Commune,
        ProvinceCode = row.ProvinceCode, ProvinceNameFr = row.ProvinceNameFr, ProvinceNameAr = row.ProvinceNameAr,
        RegionCode = row.RegionCode, RegionNameFr = row.RegionNameFr, RegionNameAr = row.RegionNameAr,
        FoundedOn = row.FoundedOn,
        ProvisionalReceiptNumber = row.ProvisionalReceiptNumber, ProvisionalReceiptDate = row.ProvisionalReceiptDate,
        DefinitiveReceiptNumber = row.DefinitiveReceiptNumber, DefinitiveReceiptDate = row.DefinitiveReceiptDate,
        PublicUtilityDecree = row.PublicUtilityDecree, PublicUtilityDate = row.PublicUtilityDate,
        ParentRegistryNumber = row.ParentRegistryNumber,
        ContactEmail = row.ContactEmail, ContactPhone = row.ContactPhone, Website = row.Website,
        DissolvedOn = row.DissolvedOn, UpdatedAt = row.UpdatedAt,
    };
}
