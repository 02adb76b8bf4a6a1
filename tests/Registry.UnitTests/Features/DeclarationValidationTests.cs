using Registry.Api.Features.Declarations;

namespace Registry.UnitTests.Features;

public sealed class DeclarationValidationTests
{
    private static DeclarationInput Founding(Func<DeclaredAssociation, DeclaredAssociation>? association = null, BureauMember? member = null) => new()
    {
        Kind = "founding",
        Association = (association ?? (a => a))(new DeclaredAssociation
        {
            Kind = "association", Scope = "local", NameAr = "جمعية الأمل", Object = "Objet.", SeatAddress = "1 rue", Commune = "Anfa",
            ProvinceCode = "06.141", FoundedOn = new DateOnly(2026, 1, 2), Domains = ["culture"],
        }),
        Members = [member ?? new BureauMember
        {
            FirstName = "Amina", LastName = "Bennani", Role = "présidente", Nationality = "marocaine", BirthDate = new DateOnly(1984, 5, 17),
            BirthPlace = "Fès", Profession = "enseignante", HomeAddress = "7 derb Sidi Ali", Cin = "AB123456",
        }],
        Documents = [new DocumentReference { FileName = "statuts.pdf", MediaType = "application/pdf", Size = 10, Sha256 = new string('a', 64) }],
    };

    private static IEnumerable<string> Fields(DeclarationInput input) => DeclarationValidation.Validate(input).Select(e => e.Field);

    [Fact]
    public void A_complete_founding_declaration_is_valid() => Fields(Founding()).Should().BeEmpty();

    [Fact]
    public void A_founding_declaration_needs_a_name_in_one_language_a_province_and_a_domain()
    {
        Fields(Founding(a => new DeclaredAssociation { Kind = a.Kind, Scope = a.Scope, Object = a.Object, SeatAddress = a.SeatAddress, Commune = a.Commune, FoundedOn = a.FoundedOn }))
            .Should().Contain(["association.nameFr", "association.provinceCode", "association.domains"]);
    }

    [Theory]
    [InlineData("ab123456")]
    [InlineData("ABC12345")]
    [InlineData("AB1234567")]
    [InlineData("")]
    public void A_cin_is_one_or_two_capitals_and_up_to_six_digits(string cin)
    {
        var errors = DeclarationValidation.Validate(Founding(member: new BureauMember
        {
            FirstName = "A", LastName = "B", Role = "r", Nationality = "n", BirthDate = new DateOnly(1990, 1, 1), BirthPlace = "p",
            Profession = "x", HomeAddress = "h", Cin = cin,
        })).ToList();

        errors.Should().ContainSingle().Which.Field.Should().Be("members[0].cin");
        errors.Should().OnlyContain(e => cin.Length == 0 || !e.Message.Contains(cin), "errors never echo personal data");
    }

    [Fact]
    public void A_change_declaration_names_its_association_and_does_not_refound_it()
    {
        var change = new DeclarationInput
        {
            Kind = "statute_amendment", RegistryNumber = "1000042-00",
            Association = new DeclaredAssociation { Kind = "union", FoundedOn = new DateOnly(2020, 1, 1), ProvinceCode = "06.141" },
            Documents = [new DocumentReference { FileName = "pv.pdf", MediaType = "application/pdf", Size = 1, Sha256 = new string('f', 64) }],
        };

        Fields(change).Should().Contain(["registryNumber", "association.kind", "association.foundedOn", "association.provinceCode", "association"]);
    }

    [Fact]
    public void A_seat_transfer_needs_the_new_seat_and_a_bureau_renewal_the_members()
    {
        var transfer = new DeclarationInput
        {
            Kind = "seat_transfer", RegistryNumber = "1000042-85",
            Documents = [new DocumentReference { FileName = "pv.pdf", MediaType = "application/pdf", Size = 1, Sha256 = new string('f', 64) }],
        };
        var renewal = new DeclarationInput { Kind = "bureau_renewal", RegistryNumber = "1000042-85", Documents = transfer.Documents };

        Fields(transfer).Should().BeEquivalentTo(["association.seatAddress", "association.commune", "association.provinceCode"]);
        Fields(renewal).Should().BeEquivalentTo(["members"]);
    }

    [Fact]
    public void An_unknown_kind_is_the_only_error_reported() =>
        Fields(new DeclarationInput { Kind = "merger" }).Should().Equal("kind");
}
