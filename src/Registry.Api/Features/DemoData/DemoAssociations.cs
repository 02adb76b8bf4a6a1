using System.Globalization;
using Registry.Api.Domain;
using Registry.Api.Features.Associations;

namespace Registry.Api.Features.DemoData;

public sealed record DemoProvince(string Code, string NameFr, string NameAr, string RegionCode);

/// <summary>
/// Deterministic, realistic-looking associations for development and demos: the same seed gives the same
/// register. Arabic names are sometimes written with harakat, tatweel or without hamza, as people type them,
/// so that search can be tried on real variation.
/// </summary>
public static class DemoAssociations
{
    private sealed record Template(string Fr, string Ar, string Kind, string[] Domains, string Object);

    private static readonly (string Fr, string Ar)[] Names =
    [
        ("Al Amal", "الأمل"), ("Annour", "النور"), ("Al Wafae", "الوفاء"), ("Attadamoun", "التضامن"),
        ("Al Fajr", "الفجر"), ("Al Mostakbal", "المستقبل"), ("Al Baraka", "البركة"), ("Chourouk", "الشروق"),
        ("Al Ihsane", "الإحسان"), ("Annahda", "النهضة"), ("Al Khair", "الخير"), ("Assalam", "السلام"),
        ("Tifawin", "تيفاوين"), ("Agram", "أڭرام"), ("Tamaynut", "تامينوت"), ("Al Inbiat", "الانبعاث"),
    ];

    private static readonly Template[] Templates =
    [
        new("Association {name} pour le développement de {place}", "جمعية {name} للتنمية {place}", AssociationKind.Association,
            ["local-development"], "Contribuer au développement local de {place} et améliorer les conditions de vie de ses habitants."),
        new("Association des parents d'élèves de {place}", "جمعية آباء وأولياء التلاميذ {place}", AssociationKind.Association,
            ["education", "childhood-youth"], "Accompagner la scolarité des élèves de {place} et soutenir l'école publique."),
        new("Association {name} de l'environnement et du développement durable", "جمعية {name} للبيئة والتنمية المستدامة", AssociationKind.Association,
            ["environment"], "Protéger l'environnement, sensibiliser au tri des déchets et à l'économie de l'eau à {place}."),
        new("Association des amis de {place}", "جمعية أصدقاء {place}", AssociationKind.Association,
            ["culture"], "Faire connaître le patrimoine de {place} et animer la vie culturelle."),
        new("Club sportif {name} de {place}", "النادي الرياضي {name} {place}", AssociationKind.Association,
            ["sport", "childhood-youth"], "Promouvoir la pratique sportive des jeunes de {place}."),
        new("Association culturelle {name}", "الجمعية الثقافية {name}", AssociationKind.Association,
            ["culture"], "Organiser des activités culturelles, artistiques et de lecture publique à {place}."),
        new("Association de bienfaisance {name}", "جمعية {name} الخيرية", AssociationKind.Association,
            ["philanthropy", "social"], "Venir en aide aux familles démunies et aux orphelins de {place}."),
        new("Association des femmes rurales de {place}", "جمعية النساء القرويات {place}", AssociationKind.Association,
            ["women", "local-development"], "Renforcer l'autonomie économique des femmes rurales de {place}."),
        new("Association pour l'éducation et la santé à {place}", "جمعية التربية والصحة {place}", AssociationKind.Association,
            ["education", "health"], "Mener des actions d'éducation à la santé et de prévention à {place}."),
        new("Association d'aide aux personnes en situation de handicap {name}", "جمعية {name} لمساعدة الأشخاص في وضعية إعاقة", AssociationKind.Association,
            ["disability", "social"], "Favoriser l'inclusion des personnes en situation de handicap à {place}."),
        new("Association des jeunes pour la citoyenneté de {place}", "جمعية الشباب من أجل المواطنة {place}", AssociationKind.Association,
            ["rights", "childhood-youth"], "Encourager la participation citoyenne des jeunes de {place}."),
        new("Association {name} des droits humains", "جمعية {name} لحقوق الإنسان", AssociationKind.Association,
            ["rights"], "Promouvoir et défendre les droits humains et l'accès au droit à {place}."),
        new("Association professionnelle des artisans de {place}", "الجمعية المهنية لصناع {place}", AssociationKind.Association,
            ["professional"], "Représenter les artisans de {place} et défendre leurs intérêts professionnels."),
        new("Association {name} pour l'enseignement du Coran", "جمعية {name} لتحفيظ القرآن الكريم", AssociationKind.Association,
            ["religion", "education"], "Gérer une école coranique et entretenir la mosquée du quartier à {place}."),
        new("Union des associations de {place}", "اتحاد جمعيات {place}", AssociationKind.Union,
            ["local-development", "philanthropy"], "Coordonner l'action des associations membres de {place}."),
        new("Fédération régionale des associations de développement de {region}", "الفيدرالية الجهوية لجمعيات التنمية {region}", AssociationKind.Federation,
            ["local-development"], "Fédérer les associations de développement de la région {region} et les représenter."),
        new("Section marocaine de Solidarité sans frontières – {place}", "الفرع المغربي لجمعية تضامن بلا حدود {place}", AssociationKind.ForeignAssociation,
            ["international", "social"], "Mettre en œuvre au Maroc les programmes de solidarité internationale de l'association mère."),
    ];

    private static readonly string[] Streets =
        ["Avenue Mohammed V", "Avenue Hassan II", "Rue Ibn Khaldoun", "Rue Al Massira", "Boulevard Zerktouni", "Rue Oued Sebou", "Hay Essalam", "Derb Sidi Ahmed"];

    public static IReadOnlyList<NewAssociation> Generate(int count, IReadOnlyList<DemoProvince> provinces, IReadOnlyDictionary<string, (string Fr, string Ar)> regions, int seed = 1958)
    {
        var random = new Random(seed);
        var list = new List<NewAssociation>(count);
        for (var i = 0; i < count; i++)
        {
            // Every region gets associations: the first provinces are taken in turn, the rest at random.
            var province = i < provinces.Count ? provinces[i] : provinces[random.Next(provinces.Count)];
            var template = PickTemplate(random);
            var (nameFr, nameAr) = Names[random.Next(Names.Length)];
            var region = regions[province.RegionCode];
            string Fill(string s, bool arabic) => s
                .Replace("{name}", arabic ? nameAr : nameFr, StringComparison.Ordinal)
                .Replace("{place}", arabic ? province.NameAr : province.NameFr, StringComparison.Ordinal)
                .Replace("{region}", arabic ? region.Ar : region.Fr, StringComparison.Ordinal);

            var fr = Fill(template.Fr, arabic: false);
            var ar = VaryArabic(Fill(template.Ar, arabic: true), random);
            var founded = new DateOnly(1965, 1, 1).AddDays((int)(Math.Sqrt(random.NextDouble()) * 22_200));
            var status = PickStatus(random, founded);
            var provisionalDate = founded.AddDays(random.Next(1, 20));
            var definitiveDate = provisionalDate.AddDays(random.Next(5, 75));
            var hasDefinitive = status is AssociationStatus.Registered or AssociationStatus.Dissolved;
            var year = provisionalDate.Year.ToString(CultureInfo.InvariantCulture);
            var scope = template.Kind switch
            {
                AssociationKind.Federation => AssociationScope.Regional,
                AssociationKind.ForeignAssociation => AssociationScope.National,
                _ => Pick(random, (AssociationScope.Local, 82), (AssociationScope.Provincial, 10), (AssociationScope.Regional, 5), (AssociationScope.National, 3)),
            };
            var publicUtility = status == AssociationStatus.Registered && random.Next(100) == 0;
            list.Add(new NewAssociation
            {
                Kind = template.Kind,
                Scope = scope,
                Status = status,
                NameFr = fr,
                NameAr = ar,
                NameZgh = nameFr is "Tifawin" or "Tamaynut" or "Agram" ? $"ⵜⴰⵎⵓⵏⵜ {nameFr}" : null,
                Acronym = random.Next(10) < 3 ? Acronym(fr) : null,
                Object = Fill(template.Object, arabic: false),
                SeatAddress = $"{random.Next(1, 240)}, {Streets[random.Next(Streets.Length)]}",
                Commune = province.NameFr,
                ProvinceCode = province.Code,
                RegionCode = province.RegionCode,
                FoundedOn = founded,
                ProvisionalReceiptNumber = $"RP-{province.Code}-{year}-{i + 1:D6}",
                ProvisionalReceiptDate = provisionalDate,
                DefinitiveReceiptNumber = hasDefinitive ? $"RD-{province.Code}-{year}-{i + 1:D6}" : null,
                DefinitiveReceiptDate = hasDefinitive ? definitiveDate : null,
                PublicUtilityDecree = publicUtility ? $"2-{definitiveDate.Year % 100 + 1:D2}-{random.Next(100, 999)}" : null,
                PublicUtilityDate = publicUtility ? definitiveDate.AddYears(1) : null,
                ContactEmail = random.Next(2) == 0 ? $"contact.{i + 1}@associations.example.ma" : null,
                Website = random.Next(5) == 0 ? $"https://association-{i + 1}.example.ma" : null,
                DissolvedOn = status == AssociationStatus.Dissolved ? definitiveDate.AddYears(random.Next(1, 10)) : null,
                Domains = template.Domains,
            });
        }
        return list;
    }

    /// <summary>The public timeline that the demo record implies, in order.</summary>
    public static IEnumerable<(DateOnly On, string Type, string? Reference)> Timeline(NewAssociation a)
    {
        var deposited = a.ProvisionalReceiptDate ?? a.FoundedOn;
        yield return (deposited, HistoryEventType.Deposited, null);
        yield return (deposited, HistoryEventType.ProvisionalReceipt, a.ProvisionalReceiptNumber);
        if (a.DefinitiveReceiptDate is { } definitive)
            yield return (definitive, HistoryEventType.DefinitiveReceipt, a.DefinitiveReceiptNumber);
        else if (a.Status == AssociationStatus.DeemedOperating)
            yield return (deposited.AddDays(60), HistoryEventType.DeemedOperating, null);
        else if (a.Status is AssociationStatus.CompletionRequested or AssociationStatus.ReceiptWithheld)
            yield return (deposited.AddDays(30), a.Status, null);
        if (a.PublicUtilityDate is { } decreed)
            yield return (decreed, HistoryEventType.PublicUtility, a.PublicUtilityDecree);
        if (a.DissolvedOn is { } dissolved)
            yield return (dissolved, HistoryEventType.Dissolved, null);
    }

    private static Template PickTemplate(Random random)
    {
        var roll = random.Next(100);
        if (roll < 2) return Templates[^3]; // union
        if (roll < 5) return Templates[^2]; // federation
        if (roll < 7) return Templates[^1]; // foreign association
        return Templates[random.Next(Templates.Length - 3)];
    }

    private static string PickStatus(Random random, DateOnly founded)
    {
        if (founded > new DateOnly(2025, 10, 1)) return AssociationStatus.Deposited;
        return Pick(random, (AssociationStatus.Registered, 80), (AssociationStatus.DeemedOperating, 9), (AssociationStatus.Dissolved, 6),
            (AssociationStatus.CompletionRequested, 3), (AssociationStatus.ReceiptWithheld, 2));
    }

    /// <summary>The ways the same Arabic name reaches a register: with harakat, with tatweel, with alef for hamza, with ه for ة.</summary>
    private static string VaryArabic(string name, Random random) => random.Next(20) switch
    {
        0 or 1 => name.Replace("جمعية", "جَمْعِيَّة", StringComparison.Ordinal),
        2 => name.Replace("جمعية", "جمعـــية", StringComparison.Ordinal),
        3 or 4 => name.Replace('أ', 'ا').Replace('إ', 'ا'),
        5 => name.Replace("جمعية", "جمعيه", StringComparison.Ordinal),
        6 => name.Replace('ڭ', 'ݣ'),
        _ => name,
    };

    private static string Acronym(string name) => string.Concat(name
        .Split([' ', '\'', '-', '–'], StringSplitOptions.RemoveEmptyEntries)
        .Where(w => w.Length > 3 || char.IsUpper(w[0]))
        .Select(w => char.ToUpperInvariant(w[0])));

    private static string Pick(Random random, params (string Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight) return value;
            roll -= weight;
        }
        return choices[^1].Value;
    }
}
