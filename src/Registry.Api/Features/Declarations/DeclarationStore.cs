using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Identity;
using Registry.Api.Web;

namespace Registry.Api.Features.Declarations;

public sealed record DeclarationRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public string ProvinceCode { get; init; } = "";
    public long? AssociationId { get; init; }
    public string? RegistryNumber { get; init; }
    public string FiledBy { get; init; } = "";
    public string Content { get; init; } = "{}";
    public string? ProvisionalReceiptNumber { get; init; }
    public DateOnly? ProvisionalReceiptDate { get; init; }
    public DateTimeOffset? DepositedAt { get; init; }
    public string? DefinitiveReceiptNumber { get; init; }
    public DateOnly? DefinitiveReceiptDate { get; init; }
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecisionReason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Version { get; init; }

    public string ETag => DeclarationStore.ETagOf(Version);

    public DeclarationInput Input => (JsonSerializer.Deserialize<DeclarationInput>(Content, Json.Options) ?? new()).Normalised();

    /// <summary>The workflow's state, for the audit log: never the declared content, which holds personal data.</summary>
    public object AuditState => new
    {
        Status, Version, ProvinceCode, AssociationId, ProvisionalReceiptNumber, ProvisionalReceiptDate, DepositedAt,
        DefinitiveReceiptNumber, DefinitiveReceiptDate, DecidedBy, DecidedAt,
    };

    public Declaration ToResponse()
    {
        var input = Input;
        return new Declaration
        {
            Id = Id, Kind = Kind, Status = Status, ProvinceCode = ProvinceCode, RegistryNumber = RegistryNumber, FiledBy = FiledBy,
            Association = input.Association, Members = input.Members, Documents = input.Documents,
            ProvisionalReceiptNumber = ProvisionalReceiptNumber, ProvisionalReceiptDate = ProvisionalReceiptDate,
            DepositedAt = DepositedAt,
            ReceiptDueBy = Status == DeclarationStatus.Deposited && DepositedAt is { } at ? ReceiptDeadline.DueBy(at) : null,
            DefinitiveReceiptNumber = DefinitiveReceiptNumber, DefinitiveReceiptDate = DefinitiveReceiptDate,
            DecidedBy = DecidedBy, DecidedAt = DecidedAt, DecisionReason = DecisionReason,
            CreatedAt = CreatedAt, UpdatedAt = UpdatedAt, Version = Version, Etag = ETag,
        };
    }
}

/// <summary>Reading and writing declarations inside a unit of work, and who may see which.</summary>
public static class DeclarationStore
{
    private const string Columns = """
        SELECT d.id, d.kind, d.status, d.province_code AS ProvinceCode, d.association_id AS AssociationId, a.registry_number AS RegistryNumber,
               d.filed_by AS FiledBy, d.content, d.provisional_receipt_number AS ProvisionalReceiptNumber,
               d.provisional_receipt_date AS ProvisionalReceiptDate, d.deposited_at AS DepositedAt,
               d.definitive_receipt_number AS DefinitiveReceiptNumber, d.definitive_receipt_date AS DefinitiveReceiptDate,
               d.decided_by AS DecidedBy, d.decided_at AS DecidedAt, d.decision_reason AS DecisionReason,
               d.created_at AS CreatedAt, d.updated_at AS UpdatedAt, d.version
        FROM declarations d LEFT JOIN associations a ON a.id = d.association_id
        """;

    internal static readonly Sql ById = new(Columns + " WHERE d.id = @Id");

    internal static readonly Sql List = new(Columns + """
         WHERE d.id > @After
          AND (@FiledBy IS NULL OR d.filed_by = @FiledBy)
          AND (@Province IS NULL OR d.province_code = @Province)
          AND (@IncludeDrafts = 1 OR d.status <> 'draft')
          AND (@Status IS NULL OR d.status = @Status)
          AND (@Kind IS NULL OR d.kind = @Kind)
        ORDER BY d.id {limit @Limit}
        """);

    internal static readonly Sql Insert = new("""
        INSERT INTO declarations (kind, status, province_code, association_id, filed_by, content, created_at, updated_at, version)
        {output id}
        VALUES (@Kind, @Status, @ProvinceCode, @AssociationId, @FiledBy, @Content, @Now, @Now, 1)
        {returning id}
        """);

    internal static readonly Sql UpdateContent = new("""
        UPDATE declarations SET content = @Content, province_code = @ProvinceCode, association_id = @AssociationId,
            updated_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version
        """);

    /// <summary>Conditional on the version read: of two writers that read the same version, exactly one succeeds.</summary>
    internal static readonly Sql Transition = new("""
        UPDATE declarations SET status = @Status, association_id = @AssociationId,
            provisional_receipt_number = @ProvisionalReceiptNumber, provisional_receipt_date = @ProvisionalReceiptDate,
            deposited_at = @DepositedAt, definitive_receipt_number = @DefinitiveReceiptNumber,
            definitive_receipt_date = @DefinitiveReceiptDate, decided_by = @DecidedBy, decided_at = @DecidedAt,
            decision_reason = @DecisionReason, updated_at = @UpdatedAt, version = version + 1
        WHERE id = @Id AND version = @ExpectedVersion
        """);

    internal static readonly Sql AllocateReceiptNumber = new(
        "UPDATE counters SET value = value + 1 {output value} WHERE name = 'receipt_number' {returning value}");

    internal static readonly Sql ProvinceRegion = new("SELECT region_code FROM provinces WHERE code = @Code");

    internal static readonly Sql KnownDomains = new("SELECT code FROM domains");

    internal static readonly Sql AssociationByNumber = new(
        "SELECT id, province_code AS ProvinceCode, status FROM associations WHERE registry_number = @RegistryNumber");

    internal static readonly Sql HasFiledFor = new(
        "SELECT COUNT(*) FROM declarations WHERE association_id = @AssociationId AND filed_by = @FiledBy");

    public sealed record AssociationRef(long Id, string ProvinceCode, string Status);

    public static string ETagOf(int version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>The version an If-Match header names: 428 when it is missing, 412 when it names no version.</summary>
    public static int RequireVersion(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
            throw ApiProblem.PreconditionRequired("Changing a declaration needs an If-Match header with the ETag you last read (GET /v1/declarations/{id}), so that no one else's change is overwritten.");
        var tag = ifMatch.Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag[2..];
        if (tag.Length >= 2 && tag[0] == '"' && tag[^1] == '"' && int.TryParse(tag[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return version;
        throw ApiProblem.PreconditionFailed("If-Match does not name a version of this declaration: send the ETag you last read, e.g. \"3\".");
    }

    /// <summary>
    /// The filer sees their declarations; the authorities (agents of the territory, the registrar) see them once deposited:
    /// a draft, and the personal data in it, is not yet theirs.
    /// </summary>
    public static bool MayRead(Caller caller, DeclarationRow row) =>
        row.FiledBy == caller.Subject
        || (row.Status != DeclarationStatus.Draft && (caller.IsAgentOf(row.ProvinceCode) || caller.Role == RegistryRoles.Registrar));

    public static WorkflowActor ActorFor(Caller caller, DeclarationRow row)
    {
        var filer = row.FiledBy == caller.Subject && (caller.Role != RegistryRoles.Machine || caller.MaySubmitFor(row.ProvinceCode));
        return new WorkflowActor(caller.Role, filer, caller.IsAgentOf(row.ProvinceCode));
    }

    public static async Task<DeclarationRow?> FindAsync(DbConnection c, DbTransaction? tx, SqlDialect dialect, long id) =>
        await c.QuerySingleOrDefaultAsync<DeclarationRow>(ById.For(dialect), new { Id = id }, tx);

    /// <summary>Loads a declaration the caller may see, and checks what they want to do with it, in the order a client can act on.</summary>
    public static async Task<DeclarationRow> LoadForActionAsync(DbConnection c, DbTransaction tx, SqlDialect dialect,
        long id, Caller caller, DeclarationAction action, int expectedVersion)
    {
        var row = await FindAsync(c, tx, dialect, id);
        if (row is null || !MayRead(caller, row)) throw NotFound(id);
        switch (DeclarationWorkflow.Check(action, row.Status, ActorFor(caller, row)))
        {
            case WorkflowVerdict.Forbidden:
                throw ApiProblem.Forbidden(action is DeclarationAction.Edit or DeclarationAction.Deposit
                    ? "Only the representative who filed this declaration may change or deposit it."
                    : "Only an agent of the declaration's prefecture or province, who did not file it, may decide on it.");
            case WorkflowVerdict.WrongState when row.Version == expectedVersion:
                throw ApiProblem.Conflict($"A declaration in status '{row.Status}' cannot be {Describe(action)}; that is possible from: {string.Join(", ", DeclarationWorkflow.AllowedFrom(action))}.");
        }
        if (row.Version != expectedVersion) throw Stale(row);
        return row;
    }

    public static ApiProblem NotFound(long id) =>
        ApiProblem.NotFound($"There is no declaration {id} that you may see. GET /v1/declarations lists yours.");

    public static ApiProblem Stale(DeclarationRow row) =>
        ApiProblem.PreconditionFailed($"The declaration changed since you read it (its ETag is now {row.ETag}). Read it again, then retry if still appropriate.");

    public static async Task<DeclarationRow> SaveTransitionAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, DeclarationRow before, DeclarationRow after)
    {
        var updated = await c.ExecuteAsync(Transition.For(dialect), new
        {
            after.Id, after.Status, after.AssociationId, after.ProvisionalReceiptNumber, after.ProvisionalReceiptDate, after.DepositedAt,
            after.DefinitiveReceiptNumber, after.DefinitiveReceiptDate, after.DecidedBy, after.DecidedAt, after.DecisionReason,
            after.UpdatedAt, ExpectedVersion = before.Version,
        }, tx);
        if (updated == 0) throw Stale(before);
        return (await FindAsync(c, tx, dialect, before.Id))!;
    }

    public static async Task<string> NextReceiptNumberAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, ReceiptType type, string provinceCode, DateTimeOffset now)
    {
        var sequence = await c.ExecuteScalarAsync<long>(AllocateReceiptNumber.For(dialect), transaction: tx);
        return ReceiptNumber.Format(type, provinceCode, now.UtcDateTime.Year, sequence);
    }

    public static async Task<string> RegionOfAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, string provinceCode) =>
        await c.ExecuteScalarAsync<string>(ProvinceRegion.For(dialect), new { Code = provinceCode }, tx)
        ?? throw ApiProblem.Unprocessable($"There is no prefecture or province with code '{provinceCode}'.");

    private static string Describe(DeclarationAction action) => action switch
    {
        DeclarationAction.Edit => "edited",
        DeclarationAction.Deposit => "deposited",
        DeclarationAction.IssueReceipt => "given a definitive receipt",
        DeclarationAction.RequestCompletion => "sent back for completion",
        DeclarationAction.Withhold => "withheld",
        _ => "deemed operating",
    };
}
