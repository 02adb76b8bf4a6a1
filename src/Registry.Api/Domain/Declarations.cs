namespace Registry.Api.Domain;

public static class DeclarationKind
{
    public const string Founding = "founding";
    public const string BureauRenewal = "bureau_renewal";
    public const string StatuteAmendment = "statute_amendment";
    public const string SeatTransfer = "seat_transfer";
    public const string BranchOpening = "branch_opening";
    public const string VoluntaryDissolution = "voluntary_dissolution";
    public static readonly IReadOnlyList<string> All = [Founding, BureauRenewal, StatuteAmendment, SeatTransfer, BranchOpening, VoluntaryDissolution];

    /// <summary>Every kind but founding declares a change to an association already in the register.</summary>
    public static bool IsChange(string kind) => kind != Founding;
}

public static class DeclarationStatus
{
    /// <summary>Being prepared by its representative; editable.</summary>
    public const string Draft = "draft";
    /// <summary>Deposited with the local authority: provisional receipt given, the 60-day clock running.</summary>
    public const string Deposited = "deposited";
    /// <summary>The authority asked for the file to be completed: back to the representative, the clock stopped.</summary>
    public const string CompletionRequested = "completion_requested";
    /// <summary>Definitive receipt issued.</summary>
    public const string ReceiptIssued = "receipt_issued";
    /// <summary>The authority withheld the definitive receipt, with a written reason.</summary>
    public const string ReceiptWithheld = "receipt_withheld";
    /// <summary>60 days after a complete deposit with no definitive receipt (Dahir 1-58-376, art. 5).</summary>
    public const string DeemedOperating = "deemed_operating";
    public static readonly IReadOnlyList<string> All = [Draft, Deposited, CompletionRequested, ReceiptIssued, ReceiptWithheld, DeemedOperating];
}

public static class RegistryRoles
{
    public const string Representative = "representative";
    public const string Agent = "agent";
    public const string Registrar = "registrar";
    public const string Admin = "admin";
    /// <summary>A machine client authenticated by an API key; what it may do is in its scopes.</summary>
    public const string Machine = "machine";
    public static readonly IReadOnlyList<string> People = [Representative, Agent, Registrar, Admin];
}
