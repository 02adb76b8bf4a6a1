using Registry.Client;

namespace Registry.IntegrationTests.Features.Declarations;

/// <summary>Well-formed declarations for the tests. CINs start with ZZ9: canaries that must never appear in a public answer.</summary>
public static class Declarations
{
    public const string Casablanca = "06.141";
    public const string Rabat = "04.421";

    public static DeclarationInput Founding(string province = Casablanca, string name = "Association Les Amis du Test") => new()
    {
        Kind = "founding",
        Association = new DeclaredAssociation
        {
            Kind = "association", Scope = "local", NameFr = name, NameAr = "جمعية أصدقاء الاختبار",
            Object = "Animer la vie culturelle du quartier.", SeatAddress = "12 rue des Écoles", Commune = "Maârif",
            ProvinceCode = province, FoundedOn = new DateTimeOffset(2026, 2, 14, 0, 0, 0, TimeSpan.Zero),
            Domains = ["culture"],
        },
        Members = [Member("Amina", "Bennani", "présidente", "ZZ999101"), Member("Youssef", "Alaoui", "trésorier", "ZZ999102")],
        Documents =
        [
            new DocumentReference { FileName = "statuts.pdf", MediaType = "application/pdf", Size = 48213, Sha256 = new string('a', 64) },
            new DocumentReference { FileName = "pv-assemblee-constitutive.pdf", MediaType = "application/pdf", Size = 30117, Sha256 = new string('b', 64) },
        ],
    };

    public static BureauMember Member(string first, string last, string role, string cin) => new()
    {
        FirstName = first, LastName = last, Role = role, Nationality = "marocaine",
        BirthDate = new DateTimeOffset(1984, 5, 17, 0, 0, 0, TimeSpan.Zero), BirthPlace = "Fès", Profession = "enseignante", HomeAddress = "7 derb Sidi Ali, Fès", Cin = cin,
    };

    public static string NewKey() => Guid.NewGuid().ToString();

    public static DepositInput Attest => new() { AttestComplete = true };
}
