using System.Data.Common;
using Dapper;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Associations;
using Registry.Api.Features.Audit;

namespace Registry.Api.Features.Declarations;

/// <summary>
/// What each transition does to the declaration, the public record and its timeline, and the audit log — all inside the
/// caller's transaction. The public timeline gets public facts only: receipt numbers, dates, kinds; never names or reasons.
/// </summary>
public static class DeclarationTransitions
{
    public static async Task<DeclarationRow> DepositAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, DeclarationRow row, string actor, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var input = row.Input;
        var firstDeposit = row.ProvisionalReceiptNumber is null;
        var receipt = row.ProvisionalReceiptNumber ?? await DeclarationStore.NextReceiptNumberAsync(c, tx, dialect, ReceiptType.Provisional, row.ProvinceCode, now);
        var associationId = row.AssociationId;
        if (row.Kind == DeclarationKind.Founding && associationId is null)
        {
            var a = input.Association;
            var region = await DeclarationStore.RegionOfAsync(c, tx, dialect, row.ProvinceCode);
            var (id, _) = (await AssociationWrites.InsertAsync(c, tx, dialect, [new NewAssociation
            {
                Kind = a.Kind!, Scope = a.Scope!, Status = AssociationStatus.Deposited,
                NameFr = a.NameFr, NameAr = a.NameAr, NameZgh = a.NameZgh, Acronym = a.Acronym, Object = a.Object!,
                SeatAddress = a.SeatAddress!, Commune = a.Commune!, ProvinceCode = row.ProvinceCode, RegionCode = region,
                FoundedOn = a.FoundedOn!.Value, ProvisionalReceiptNumber = receipt, ProvisionalReceiptDate = today,
                ContactEmail = a.ContactEmail, ContactPhone = a.ContactPhone, Website = a.Website, Domains = a.Domains ?? [],
            }], now))[0];
            associationId = id;
            await AssociationWrites.AppendHistoryAsync(c, tx, dialect, id, today, HistoryEventType.Deposited, null, null, now);
            await AssociationWrites.AppendHistoryAsync(c, tx, dialect, id, today, HistoryEventType.ProvisionalReceipt, receipt, null, now);
        }
        else if (row.Kind == DeclarationKind.Founding)
        {
            await AssociationUpdates.SetStatusAsync(c, tx, dialect, associationId!.Value, AssociationStatus.Deposited, now);
            await AssociationWrites.AppendHistoryAsync(c, tx, dialect, associationId.Value, today, HistoryEventType.Deposited, receipt, "File completed and deposited again.", now);
        }
        else if (firstDeposit)
            await AssociationWrites.AppendHistoryAsync(c, tx, dialect, associationId!.Value, today, HistoryEventType.ChangeDeclared, receipt, Summaries[row.Kind], now);

        var after = await DeclarationStore.SaveTransitionAsync(c, tx, dialect, row, row with
        {
            Status = DeclarationStatus.Deposited, AssociationId = associationId, ProvisionalReceiptNumber = receipt,
            ProvisionalReceiptDate = row.ProvisionalReceiptDate ?? today, DepositedAt = now, UpdatedAt = now,
        });
        await AuditLog.AppendAsync(c, tx, dialect, actor, "declaration.deposit", "declaration", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            null, row.AuditState, after.AuditState, now);
        return after;
    }

    public static async Task<DeclarationRow> DecideAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, DeclarationRow row,
        DeclarationAction action, string actor, string? reason, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var status = DeclarationWorkflow.Target(action, row.Status);
        var after = row with { Status = status, DecidedBy = actor, DecidedAt = now, DecisionReason = reason, UpdatedAt = now };
        var associationId = row.AssociationId!.Value;
        switch (action)
        {
            case DeclarationAction.IssueReceipt:
                var receipt = await DeclarationStore.NextReceiptNumberAsync(c, tx, dialect, ReceiptType.Definitive, row.ProvinceCode, now);
                after = after with { DefinitiveReceiptNumber = receipt, DefinitiveReceiptDate = today };
                if (row.Kind == DeclarationKind.Founding)
                {
                    await AssociationUpdates.SetDefinitiveReceiptAsync(c, tx, dialect, associationId, AssociationStatus.Registered, receipt, today, now);
                    await AssociationWrites.AppendHistoryAsync(c, tx, dialect, associationId, today, HistoryEventType.DefinitiveReceipt, receipt, null, now);
                }
                else
                    await ApplyChangeAsync(c, tx, dialect, row, receipt, today, now);
                break;
            case DeclarationAction.RequestCompletion when row.Kind == DeclarationKind.Founding:
                await AssociationUpdates.SetStatusAsync(c, tx, dialect, associationId, AssociationStatus.CompletionRequested, now);
                await AssociationWrites.AppendHistoryAsync(c, tx, dialect, associationId, today, HistoryEventType.CompletionRequested, row.ProvisionalReceiptNumber, null, now);
                break;
            case DeclarationAction.Withhold when row.Kind == DeclarationKind.Founding:
                await AssociationUpdates.SetStatusAsync(c, tx, dialect, associationId, AssociationStatus.ReceiptWithheld, now);
                await AssociationWrites.AppendHistoryAsync(c, tx, dialect, associationId, today, HistoryEventType.ReceiptWithheld, row.ProvisionalReceiptNumber, null, now);
                break;
        }
        var saved = await DeclarationStore.SaveTransitionAsync(c, tx, dialect, row, after);
        await AuditLog.AppendAsync(c, tx, dialect, actor, "declaration." + status, "declaration", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            reason, row.AuditState, saved.AuditState, now);
        return saved;
    }

    /// <summary>Dahir 1-58-376, art. 5: no definitive receipt 60 days after a complete deposit.</summary>
    public static async Task<DeclarationRow> DeemOperatingAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, DeclarationRow row, DateTimeOffset now)
    {
        var on = DateOnly.FromDateTime(ReceiptDeadline.DueBy(row.DepositedAt!.Value).UtcDateTime);
        var associationId = row.AssociationId!.Value;
        if (row.Kind == DeclarationKind.Founding)
        {
            await AssociationUpdates.SetStatusAsync(c, tx, dialect, associationId, AssociationStatus.DeemedOperating, now);
            await AssociationWrites.AppendHistoryAsync(c, tx, dialect, associationId, on, HistoryEventType.DeemedOperating, row.ProvisionalReceiptNumber, null, now);
        }
        else
            await ApplyChangeAsync(c, tx, dialect, row, row.ProvisionalReceiptNumber, on, now);
        var saved = await DeclarationStore.SaveTransitionAsync(c, tx, dialect, row, row with { Status = DeclarationStatus.DeemedOperating, UpdatedAt = now });
        await AuditLog.AppendAsync(c, tx, dialect, "registry:receipt-clock", "declaration." + DeclarationStatus.DeemedOperating, "declaration",
            row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "No definitive receipt 60 days after a complete deposit (Dahir 1-58-376, art. 5).",
            row.AuditState, saved.AuditState, now);
        return saved;
    }

    private static readonly Dictionary<string, string> Summaries = new()
    {
        [DeclarationKind.BureauRenewal] = "Bureau renewal declared.",
        [DeclarationKind.StatuteAmendment] = "Statute amendment declared.",
        [DeclarationKind.SeatTransfer] = "Seat transfer declared.",
        [DeclarationKind.BranchOpening] = "Branch opening declared.",
        [DeclarationKind.VoluntaryDissolution] = "Voluntary dissolution declared by the general assembly.",
    };

    /// <summary>A change declaration takes effect on the public record when its definitive receipt is issued, or when it is deemed.</summary>
    private static async Task ApplyChangeAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, DeclarationRow row, string? reference, DateOnly on, DateTimeOffset now)
    {
        var id = row.AssociationId!.Value;
        var a = row.Input.Association;
        switch (row.Kind)
        {
            case DeclarationKind.SeatTransfer:
                var region = await DeclarationStore.RegionOfAsync(c, tx, dialect, a.ProvinceCode!);
                await AssociationUpdates.ApplyAsync(c, tx, dialect, id, new AssociationChange
                {
                    SeatAddress = a.SeatAddress, Commune = a.Commune, ProvinceCode = a.ProvinceCode, RegionCode = region,
                }, now);
                await AssociationWrites.AppendHistoryAsync(c, tx, dialect, id, on, HistoryEventType.ChangeRegistered, reference, $"Seat transferred to {a.Commune}.", now);
                break;
            case DeclarationKind.StatuteAmendment:
                await AssociationUpdates.ApplyAsync(c, tx, dialect, id, new AssociationChange
                {
                    Scope = a.Scope, NameFr = a.NameFr, NameAr = a.NameAr, NameZgh = a.NameZgh, Acronym = a.Acronym, Object = a.Object,
                    ContactEmail = a.ContactEmail, ContactPhone = a.ContactPhone, Website = a.Website, Domains = a.Domains,
                }, now);
                await AssociationWrites.AppendHistoryAsync(c, tx, dialect, id, on, HistoryEventType.ChangeRegistered, reference, "Statutes amended.", now);
                break;
            case DeclarationKind.VoluntaryDissolution:
                await AssociationUpdates.DissolveAsync(c, tx, dialect, id, on, now);
                await AssociationWrites.AppendHistoryAsync(c, tx, dialect, id, on, HistoryEventType.Dissolved, reference, "Voluntary dissolution by the general assembly.", now);
                break;
            case DeclarationKind.BranchOpening:
                await AssociationWrites.AppendHistoryAsync(c, tx, dialect, id, on, HistoryEventType.ChangeRegistered, reference, $"Branch opened in {a.Commune}.", now);
                break;
            default:
                await AssociationWrites.AppendHistoryAsync(c, tx, dialect, id, on, HistoryEventType.ChangeRegistered, reference, "Bureau renewed.", now);
                break;
        }
    }
}
