using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
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
        Read(connection, transaction, SelectAll.For(dialect), null);

    /// <summary>One association's public record, inside the caller's transaction.</summary>
    public static async Task<RegisterRow> ReadOneAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, long id)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Id", id);
        await foreach (var row in Read(connection, transaction, SelectOne.For(dialect), parameters)) return row;
        throw new InvalidOperationException($"Association {id} does not exist.");
    }

    /// <summary>
    /// Streams the rows a statement built on <see cref="Select"/> returns. Read by column position rather than through
    /// Dapper's mapper, and on SQLite through <see cref="SqliteTextRows"/>: exports read millions of rows, and this is
    /// what keeps them near the database's own speed.
    /// </summary>
    public static async IAsyncEnumerable<RegisterRow> Read(DbConnection connection, DbTransaction transaction, string sql, DynamicParameters? parameters,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (connection is SqliteConnection sqlite)
        {
            using var rows = SqliteTextRows.Open(sqlite, sql, parameters);
            while (rows.Read())
            {
                ct.ThrowIfCancellationRequested();
                yield return From(rows.Text);
            }
            yield break;
        }
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
            yield return From(i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }

    private static RegisterRow From(Func<int, object?> value)
    {
        string? Text(int i) => (string?)value(i);
        return new()
        {
            RegistryNumber = Text(0)!, Kind = Text(1)!, Scope = Text(2)!, Status = Text(3)!,
            NameFr = Text(4), NameAr = Text(5), NameZgh = Text(6), Acronym = Text(7), Object = Text(8)!,
            Domains = SortedDomains(Text(9)),
            SeatAddress = Text(10)!, Commune = Text(11)!,
            ProvinceCode = Text(12)!, ProvinceNameFr = Text(13)!, ProvinceNameAr = Text(14)!,
            RegionCode = Text(15)!, RegionNameFr = Text(16)!, RegionNameAr = Text(17)!,
            FoundedOn = Date(value(18))!.Value,
            ProvisionalReceiptNumber = Text(19), ProvisionalReceiptDate = Date(value(20)),
            DefinitiveReceiptNumber = Text(21), DefinitiveReceiptDate = Date(value(22)),
            PublicUtilityDecree = Text(23), PublicUtilityDate = Date(value(24)),
            ParentRegistryNumber = Text(25),
            ContactEmail = Text(26), ContactPhone = Text(27), Website = Text(28),
            DissolvedOn = Date(value(29)), UpdatedAt = Moment(value(30)!),
        };
    }

    private static DateOnly? Date(object? value) => value switch
    {
        null => null,
        string s => DateOnly.ParseExact(s.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => DateOnly.FromDateTime(d),
        DateOnly d => d,
        var v => throw new InvalidCastException($"A date column holds {v.GetType().Name}."),
    };

    private static DateTimeOffset Moment(object value) => value switch
    {
        string s when DateTimeOffset.TryParseExact(s, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var exact) => exact,
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        var v => throw new InvalidCastException($"A timestamp column holds {v.GetType().Name}."),
    };

    private static string? SortedDomains(string? domains) =>
        domains is null || !domains.Contains(';') ? domains : string.Join(';', domains.Split(';').Order(StringComparer.Ordinal));
}
