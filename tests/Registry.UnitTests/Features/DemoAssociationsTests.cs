using Registry.Api.Domain;
using Registry.Api.Features.DemoData;

namespace Registry.UnitTests.Features;

public sealed class DemoAssociationsTests
{
    private static readonly DemoProvince[] Provinces =
        Enumerable.Range(1, 12).Select(r => new DemoProvince($"{r:D2}.001", $"Préfecture {r}", $"عمالة {r}", $"{r:D2}")).ToArray();

    private static readonly Dictionary<string, (string Fr, string Ar)> Regions =
        Enumerable.Range(1, 12).ToDictionary(r => $"{r:D2}", r => ($"Région {r}", $"جهة {r}"));

    private static readonly IReadOnlyList<Registry.Api.Features.Associations.NewAssociation> Demo = DemoAssociations.Generate(2400, Provinces, Regions);

    [Fact]
    public void The_same_seed_gives_the_same_register() =>
        DemoAssociations.Generate(2400, Provinces, Regions).Should().BeEquivalentTo(Demo, o => o.WithStrictOrdering());

    [Fact]
    public void Covers_every_region_kind_and_status()
    {
        Demo.Select(a => a.RegionCode).Distinct().Should().HaveCount(12);
        Demo.Select(a => a.Kind).Distinct().Should().BeEquivalentTo(AssociationKind.All);
        Demo.Select(a => a.Status).Distinct().Should().BeEquivalentTo(AssociationStatus.All);
        Demo.Should().Contain(a => a.PublicUtilityDecree != null);
    }

    [Fact]
    public void Arabic_names_come_with_the_variations_people_type()
    {
        Demo.Should().Contain(a => a.NameAr!.Any(c => c >= '\u064B' && c <= '\u0652'), "some names carry harakat");
        Demo.Should().Contain(a => a.NameAr!.Contains('\u0640'), "some names carry tatweel");
        Demo.Should().Contain(a => a.NameAr!.Contains("الامل"), "some names drop the hamza on alef");
        Demo.Should().Contain(a => a.NameAr!.Contains("الأمل"));
        Demo.Should().Contain(a => a.NameAr!.Contains('ڭ')).And.Contain(a => a.NameAr!.Contains('ݣ'));
    }

    [Fact]
    public void French_names_keep_their_accents() =>
        Demo.Should().Contain(a => a.NameFr!.Contains("développement")).And.Contain(a => a.NameFr!.Contains("élèves"));

    [Fact]
    public void Receipts_follow_the_status()
    {
        Demo.Where(a => a.Status == AssociationStatus.Registered).Should().OnlyContain(a => a.DefinitiveReceiptNumber != null && a.DefinitiveReceiptDate >= a.ProvisionalReceiptDate);
        Demo.Where(a => a.Status == AssociationStatus.Deposited).Should().OnlyContain(a => a.DefinitiveReceiptNumber == null);
        Demo.Where(a => a.Status == AssociationStatus.Dissolved).Should().OnlyContain(a => a.DissolvedOn != null);
    }
}
