using System.Data.Common;
using Dapper;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Audit;
using Registry.Api.Web;

namespace Registry.Api.Features.Registrar;

/// <summary>The state of an association's public record after a registrar's action.</summary>
public sealed class AssociationRecord
{
    public required string RegistryNumber { get; init; }
    public required string Status { get; init; }
    public string? NameFr { get; init; }
    public string? NameAr { get; init; }
    public string? PublicUtilityDecree { get; init; }
    public DateOnly? PublicUtilityDate { get; init; }
    public DateOnly? DissolvedOn { get; init; }
    public required int Version { get; init; }
}

public sealed class RegistryNumberRoute
{
    /// <summary>The association's registry number, e.g. 1000042-85.</summary>
    public string RegistryNumber { get; init; } = "";
}

internal sealed class AssociationRow
{
    public long Id { get; init; }
    public string RegistryNumber { get; init; } = "";
    public string Status { get; init; } = "";
    public string? NameFr { get; init; }
    public string? NameAr { get; init; }
    public string? NameZgh { get; init; }
    public string? Acronym { get; init; }
    public string Object { get; init; } = "";
    public string SeatAddress { get; init; } = "";
    public string Commune { get; init; } = "";
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public string? Website { get; init; }
    public string? PublicUtilityDecree { get; init; }
    public DateOnly? PublicUtilityDate { get; init; }
    public DateOnly? DissolvedOn { get; init; }
    public int Version { get; init; }

    public AssociationRecord ToRecord() => new()
    {
        RegistryNumber = RegistryNumber, Status = Status, NameFr = NameFr, NameAr = NameAr,
        PublicUtilityDecree = PublicUtilityDecree, PublicUtilityDate = PublicUtilityDate, DissolvedOn = DissolvedOn, Version = Version,
    };
}

internal static class RegistrarStore
{
    internal static readonly Sql ByNumber = new("""
        SELECT id, registry_number AS RegistryNumber, status, name_fr AS NameFr, name_ar AS NameAr, name_zgh AS NameZgh, acronym, object,
               seat_address AS SeatAddress, commune, contact_email AS ContactEmail, contact_phone AS ContactPhone, website,
               public_utility_decree AS PublicUtilityDecree, public_utility_date AS PublicUtilityDate, dissolved_on AS DissolvedOn, version
        FROM associations WHERE registry_number = @RegistryNumber
        """);

    /// <summary>The registry number as the register writes it, or 404 for what is not one.</summary>
    public static string Normalise(string registryNumber) =>
        RegistryNumber.Check(registryNumber, out var number) == RegistryNumberCheck.Valid
            ? number!.Value.ToString()
            : throw ApiProblem.NotFound("That is not a registry number: seven digits, a hyphen and two check digits, e.g. 1000042-85.");

    /// <summary>The association by its registry number, or 404.</summary>
    public static async Task<AssociationRow> LoadAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, string registryNumber)
    {
        var number = Normalise(registryNumber);
        return await c.QuerySingleOrDefaultAsync<AssociationRow>(ByNumber.For(dialect), new { RegistryNumber = number }, tx)
            ?? throw ApiProblem.NotFound($"There is no association with registry number {number}.");
    }

    public static async Task<AssociationRow> ReloadAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, AssociationRow row) =>
        await c.QuerySingleAsync<AssociationRow>(ByNumber.For(dialect), new { row.RegistryNumber }, tx);

    /// <summary>
    /// A registrar's change to an association's record, as one idempotent unit of work: loads the association (404),
    /// applies <paramref name="change"/> (with its history entry), reloads it, and records it before and after, as
    /// <paramref name="audited"/> shows it, in the audit log under <paramref name="action"/>. Answers the record as it now is.
    /// </summary>
    public static Task ChangeAsync(Idempotency idempotency, HttpContext http, Database db, string subject, string? idempotencyKey,
        string operation, string registryNumber, object body, string action, string? reason, Func<AssociationRow, object> audited,
        Func<DbConnection, DbTransaction, AssociationRow, DateTimeOffset, Task> change, CancellationToken ct) =>
        idempotency.ExecuteAsync(http, subject, idempotencyKey, required: true, $"{operation}:{Normalise(registryNumber)}", body,
            async (c, tx, now, _) =>
            {
                var before = await LoadAsync(c, tx, db.Dialect, registryNumber);
                await change(c, tx, before, now);
                var after = await ReloadAsync(c, tx, db.Dialect, before);
                await AuditLog.AppendAsync(c, tx, db.Dialect, subject, action, "association", before.RegistryNumber, reason,
                    audited(before), audited(after), now);
                return new WriteResult(StatusCodes.Status200OK, after.ToRecord());
            }, ct);

    public static void RequireNotDissolved(AssociationRow row)
    {
        if (row.Status == AssociationStatus.Dissolved)
            throw ApiProblem.Conflict($"Association {row.RegistryNumber} is dissolved.");
    }
}
