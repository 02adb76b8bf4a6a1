using System.ComponentModel.DataAnnotations;

namespace Registry.Api.Features.Declarations;

/// <summary>The association's public fields as declared. For a change declaration, only the fields that change.</summary>
public sealed class DeclaredAssociation
{
    /// <summary>association, union, federation or foreign_association (founding only).</summary>
    public string? Kind { get; init; }
    /// <summary>local, provincial, regional or national.</summary>
    public string? Scope { get; init; }
    public string? NameFr { get; init; }
    public string? NameAr { get; init; }
    public string? NameZgh { get; init; }
    public string? Acronym { get; init; }
    public string? Object { get; init; }
    /// <summary>Seat address (for a branch opening: the branch's address).</summary>
    public string? SeatAddress { get; init; }
    public string? Commune { get; init; }
    /// <summary>Prefecture or province of the seat, RR.PPP; its authority receives the declaration.</summary>
    public string? ProvinceCode { get; init; }
    /// <summary>Date of the founding general assembly.</summary>
    public DateOnly? FoundedOn { get; init; }
    /// <summary>Activity domain codes (GET /v1/domains).</summary>
    public IReadOnlyList<string>? Domains { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public string? Website { get; init; }
}

/// <summary>A member of the bureau. Personal data (law 09-08): seen only by the declaration's representative and the competent authorities.</summary>
public sealed class BureauMember
{
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    /// <summary>Role in the bureau, e.g. président, secrétaire général, trésorier.</summary>
    public string Role { get; init; } = "";
    public string Nationality { get; init; } = "";
    public DateOnly BirthDate { get; init; }
    public string BirthPlace { get; init; } = "";
    public string Profession { get; init; } = "";
    public string HomeAddress { get; init; } = "";
    /// <summary>National identity card number (CIN).</summary>
    public string Cin { get; init; } = "";
}

/// <summary>A document of the file (statutes, minutes of the general assembly): a reference, not the file.</summary>
public sealed class DocumentReference
{
    public string FileName { get; init; } = "";
    public string MediaType { get; init; } = "";
    public long Size { get; init; }
    /// <summary>SHA-256 of the file, 64 hexadecimal characters.</summary>
    public string Sha256 { get; init; } = "";
}

/// <summary>What the representative declares. Status, receipts and reviewer fields are the registry's, never the client's.</summary>
public sealed class DeclarationInput
{
    /// <summary>founding, bureau_renewal, statute_amendment, seat_transfer, branch_opening or voluntary_dissolution.</summary>
    public string Kind { get; init; } = "";
    /// <summary>For a change declaration: the registry number of the association it concerns.</summary>
    public string? RegistryNumber { get; init; }
    public DeclaredAssociation Association { get; init; } = new();
    public IReadOnlyList<BureauMember> Members { get; init; } = [];
    public IReadOnlyList<DocumentReference> Documents { get; init; } = [];

    /// <summary>The same declaration with absent parts as empty ones (JSON null is accepted for them).</summary>
    public DeclarationInput Normalised() => new()
    {
        Kind = Kind ?? "", RegistryNumber = RegistryNumber, Association = Association ?? new(),
        Members = Members ?? [], Documents = Documents ?? [],
    };
}

public sealed class Declaration
{
    [Required]
    public required long Id { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    /// <summary>The prefecture or province whose authority receives the declaration.</summary>
    public required string ProvinceCode { get; init; }
    /// <summary>The association's registry number, once it is in the register.</summary>
    public string? RegistryNumber { get; init; }
    public required string FiledBy { get; init; }
    public required DeclaredAssociation Association { get; init; }
    public required IReadOnlyList<BureauMember> Members { get; init; }
    public required IReadOnlyList<DocumentReference> Documents { get; init; }
    public string? ProvisionalReceiptNumber { get; init; }
    public DateOnly? ProvisionalReceiptDate { get; init; }
    /// <summary>When the (last) complete deposit was made: the 60-day clock runs from here.</summary>
    public DateTimeOffset? DepositedAt { get; init; }
    /// <summary>The definitive receipt is due by then; after it, the association is deemed operating.</summary>
    public DateTimeOffset? ReceiptDueBy { get; init; }
    public string? DefinitiveReceiptNumber { get; init; }
    public DateOnly? DefinitiveReceiptDate { get; init; }
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    /// <summary>The authority's written reason, for a completion request or a withheld receipt.</summary>
    public string? DecisionReason { get; init; }
    [Required]
    public required DateTimeOffset CreatedAt { get; init; }
    [Required]
    public required DateTimeOffset UpdatedAt { get; init; }
    [Required]
    public required int Version { get; init; }
    /// <summary>Send it back in If-Match to change the declaration.</summary>
    public required string Etag { get; init; }
}

public sealed class DeclarationList
{
    public required IReadOnlyList<Declaration> Items { get; init; }
    /// <summary>Pass as <c>after</c> for the next page; null on the last page.</summary>
    public long? Next { get; init; }
}
