using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Audit;
using Registry.Api.Features.DemoData;

namespace Registry.Api.Features.Declarations;

/// <summary>
/// Development only, with the demo data: two declarations of the demo representative <c>rep-demo</c> — a founding draft
/// and a deposited bureau renewal of a demo association (no association is added: the demo register keeps its count).
/// Their members' CINs are canaries (<see cref="CanaryPrefix"/>…): the tests scan every public answer for them.
/// </summary>
public sealed class DemoDeclarations(Database db, TimeProvider clock, IHostEnvironment environment, IOptions<DemoDataOptions> options,
    ILogger<DemoDeclarations> logger) : IHostedService
{
    public const string Representative = "rep-demo";
    public const string CanaryPrefix = "ZZ9990";

    internal static readonly Sql Count = new("SELECT COUNT(*) FROM declarations");
    internal static readonly Sql RegisteredIn = new("""
        SELECT registry_number FROM associations WHERE province_code = @Province AND status = 'registered' ORDER BY id {limit 1}
        """);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || !options.Value.Enabled) return;
        var seeded = await SeedAsync(cancellationToken);
        if (seeded > 0) logger.LogInformation("Seeded {Count} demo declarations", seeded);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<int> SeedAsync(CancellationToken ct) => await db.WriteAsync(async (c, tx, _) =>
    {
        if (await c.ExecuteScalarAsync<long>(db.Sql(Count), transaction: tx) > 0) return 0;
        var now = clock.GetUtcNow();
        await InsertAsync(c, tx, Founding("06.141", "Association Demo Brouillon", 1), deposit: false, now);
        var existing = await c.ExecuteScalarAsync<string>(db.Sql(RegisteredIn), new { Province = "06.141" }, tx);
        if (existing is null) return 1;
        await InsertAsync(c, tx, new DeclarationInput
        {
            Kind = DeclarationKind.BureauRenewal, RegistryNumber = existing,
            Members = [Member("Khadija", "Tazi", "présidente", 3), Member("Omar", "Idrissi", "secrétaire général", 4)],
            Documents = [Document("pv-ag-renouvellement.pdf", 'c')],
        }, deposit: true, now);
        return 2;
    }, ct);

    private async Task InsertAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, DeclarationInput input, bool deposit, DateTimeOffset now)
    {
        long? associationId = null;
        var province = input.Association.ProvinceCode;
        if (input.RegistryNumber is not null)
        {
            var association = await c.QuerySingleAsync<DeclarationStore.AssociationRef>(db.Sql(DeclarationStore.AssociationByNumber), new { input.RegistryNumber }, tx);
            (associationId, province) = (association.Id, association.ProvinceCode);
        }
        var id = await c.ExecuteScalarAsync<long>(db.Sql(DeclarationStore.Insert), new
        {
            input.Kind, Status = DeclarationStatus.Draft, ProvinceCode = province, AssociationId = associationId,
            FiledBy = Representative, Content = DeclarationChecks.Serialise(input), Now = now,
        }, tx);
        var row = (await DeclarationStore.FindAsync(c, tx, db.Dialect, id))!;
        await AuditLog.AppendAsync(c, tx, db.Dialect, Representative, "declaration.create", "declaration", id.ToString(CultureInfo.InvariantCulture), "demo data", null, row.AuditState, now);
        if (deposit) await DeclarationTransitions.DepositAsync(c, tx, db.Dialect, row, Representative, now);
    }

    private static DeclarationInput Founding(string province, string name, int firstCanary) => new()
    {
        Kind = DeclarationKind.Founding,
        Association = new DeclaredAssociation
        {
            Kind = AssociationKind.Association, Scope = AssociationScope.Local, NameFr = name, NameAr = "جمعية تجريبية",
            Object = "Association de démonstration du registre.", SeatAddress = "1 place de la Démonstration", Commune = "Centre",
            ProvinceCode = province, FoundedOn = new DateOnly(2026, 1, 10), Domains = ["culture"],
        },
        Members = [Member("Salma", "Berrada", "présidente", firstCanary), Member("Hamid", "Ouazzani", "trésorier", firstCanary + 1)],
        Documents = [Document("statuts.pdf", 'a'), Document("pv-assemblee-constitutive.pdf", 'b')],
    };

    private static BureauMember Member(string first, string last, string role, int canary) => new()
    {
        FirstName = first, LastName = last, Role = role, Nationality = "marocaine", BirthDate = new DateOnly(1980 + canary, 3, canary),
        BirthPlace = "Meknès", Profession = "fonctionnaire", HomeAddress = $"{canary} rue des Canaris, Meknès",
        Cin = string.Create(CultureInfo.InvariantCulture, $"{CanaryPrefix}{canary:D2}"),
    };

    private static DocumentReference Document(string name, char hash) =>
        new() { FileName = name, MediaType = "application/pdf", Size = 20_000, Sha256 = new string(hash, 64) };
}
