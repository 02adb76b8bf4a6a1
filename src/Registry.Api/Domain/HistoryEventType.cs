namespace Registry.Api.Domain;

/// <summary>Entries of an association's public timeline. Public facts only: never a person's data.</summary>
public static class HistoryEventType
{
    public const string Deposited = "deposited";
    public const string ProvisionalReceipt = "provisional_receipt";
    public const string DefinitiveReceipt = "definitive_receipt";
    public const string CompletionRequested = "completion_requested";
    public const string ReceiptWithheld = "receipt_withheld";
    public const string DeemedOperating = "deemed_operating";
    public const string ChangeDeclared = "change_declared";
    public const string ChangeRegistered = "change_registered";
    public const string PublicUtility = "public_utility";
    public const string Corrected = "corrected";
    public const string Dissolved = "dissolved";
}
