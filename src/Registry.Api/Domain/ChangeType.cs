namespace Registry.Api.Domain;

/// <summary>What a change-feed event says happened to a public record, told from the fields that changed.</summary>
public static class ChangeType
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string StatusChanged = "status_changed";
    public const string ReceiptIssued = "receipt_issued";
    public const string PublicUtilityGranted = "public_utility_granted";
    public const string Dissolved = "dissolved";

    public static readonly IReadOnlyList<string> All = [Created, Updated, StatusChanged, ReceiptIssued, PublicUtilityGranted, Dissolved];

    /// <summary>The most specific type that fits; <c>null</c> when nothing public changed (no event then).</summary>
    public static string? Classify(IReadOnlyDictionary<string, string?>? before, IReadOnlyDictionary<string, string?> after, out IReadOnlyList<string> changedFields)
    {
        if (before is null)
        {
            changedFields = [.. after.Keys];
            return Created;
        }
        changedFields = [.. after.Keys.Where(k => !before.TryGetValue(k, out var old) || old != after[k]).Where(k => k != "updated_at")];
        if (changedFields.Count == 0) return null;
        var changed = changedFields.ToHashSet();
        if (changed.Contains("status") && after["status"] == AssociationStatus.Dissolved) return Dissolved;
        if (changed.Contains("public_utility_decree") && after["public_utility_decree"] is not null) return PublicUtilityGranted;
        if (changed.Contains("definitive_receipt_number") && after["definitive_receipt_number"] is not null) return ReceiptIssued;
        if (changed.Contains("status")) return StatusChanged;
        return Updated;
    }
}
