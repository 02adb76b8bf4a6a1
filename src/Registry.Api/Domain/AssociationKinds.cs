namespace Registry.Api.Domain;

public static class AssociationKind
{
    public const string Association = "association";
    public const string Union = "union";
    public const string Federation = "federation";
    public const string ForeignAssociation = "foreign_association";
    public static readonly IReadOnlyList<string> All = [Association, Union, Federation, ForeignAssociation];
}

public static class AssociationScope
{
    public const string Local = "local";
    public const string Provincial = "provincial";
    public const string Regional = "regional";
    public const string National = "national";
    public static readonly IReadOnlyList<string> All = [Local, Provincial, Regional, National];
}

public static class AssociationStatus
{
    /// <summary>Founding file deposited, provisional receipt given, the 60-day clock running.</summary>
    public const string Deposited = "deposited";
    /// <summary>Definitive receipt issued.</summary>
    public const string Registered = "registered";
    /// <summary>No definitive receipt 60 days after a complete deposit: the association may operate (Dahir 1-58-376, art. 5).</summary>
    public const string DeemedOperating = "deemed_operating";
    /// <summary>The authority asked for the file to be completed; the clock stops.</summary>
    public const string CompletionRequested = "completion_requested";
    /// <summary>The authority withheld the definitive receipt with a written reason.</summary>
    public const string ReceiptWithheld = "receipt_withheld";
    public const string Dissolved = "dissolved";
    public static readonly IReadOnlyList<string> All = [Deposited, Registered, DeemedOperating, CompletionRequested, ReceiptWithheld, Dissolved];
}
