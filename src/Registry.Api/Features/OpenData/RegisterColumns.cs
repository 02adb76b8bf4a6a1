using System.Globalization;

namespace Registry.Api.Features.OpenData;

public enum ColumnType { String, Date, Timestamp }

/// <summary>One column of the published register: the same name, type and meaning in every format and in the dictionary.</summary>
public sealed record RegisterColumn(string Name, ColumnType Type, string TitleFr, string DescriptionFr, string DescriptionAr, string Example, Func<RegisterRow, object?> Value)
{
    public string? Text(RegisterRow row) => Value(row) switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture),
    };
}

public static class RegisterColumns
{
    /// <summary>The row as column name → published text, as in the CSV and NDJSON files.</summary>
    public static Dictionary<string, string?> Texts(RegisterRow row) => All.ToDictionary(c => c.Name, c => c.Text(row));

    public static readonly IReadOnlyList<RegisterColumn> All =
    [
        new("registry_number", ColumnType.String, "Numéro au registre", "Numéro de l'association au registre national : sept chiffres et deux chiffres de contrôle ISO 7064 MOD 97-10.", "رقم الجمعية في السجل الوطني: سبعة أرقام ورقما تحقق.", "1000001-14", r => r.RegistryNumber),
        new("kind", ColumnType.String, "Type", "association, union, federation ou foreign_association.", "نوع الهيئة: جمعية، اتحاد، فيدرالية أو جمعية أجنبية.", "association", r => r.Kind),
        new("scope", ColumnType.String, "Rayon d'action", "local, provincial, regional ou national.", "نطاق العمل: محلي، إقليمي، جهوي أو وطني.", "local", r => r.Scope),
        new("status", ColumnType.String, "Statut", "deposited, registered, deemed_operating, completion_requested, receipt_withheld ou dissolved.", "الوضعية القانونية للجمعية.", "registered", r => r.Status),
        new("name_fr", ColumnType.String, "Nom (français)", "Nom de l'association en français.", "اسم الجمعية بالفرنسية.", "Association Al Amal pour le développement de Fès", r => r.NameFr),
        new("name_ar", ColumnType.String, "Nom (arabe)", "Nom de l'association en arabe, tel que déclaré.", "اسم الجمعية بالعربية كما صُرّح به.", "جمعية الأمل للتنمية فاس", r => r.NameAr),
        new("name_zgh", ColumnType.String, "Nom (amazighe)", "Nom en tamazight (tifinagh), s'il a été déclaré.", "الاسم بالأمازيغية إن وُجد.", "ⵜⴰⵎⵓⵏⵜ", r => r.NameZgh),
        new("acronym", ColumnType.String, "Sigle", "Sigle de l'association.", "المختصر.", "AAPDF", r => r.Acronym),
        new("object", ColumnType.String, "Objet", "Objet statutaire de l'association.", "الهدف الوارد في القانون الأساسي.", "Contribuer au développement local.", r => r.Object),
        new("domains", ColumnType.String, "Domaines d'activité", "Codes des domaines d'activité (voir /v1/domains), séparés par « ; ».", "رموز مجالات النشاط مفصولة بـ « ; ».", "local-development;social", r => r.Domains),
        new("seat_address", ColumnType.String, "Adresse du siège", "Adresse du siège de l'association (adresse de l'organisation, jamais celle d'une personne).", "عنوان مقر الجمعية.", "12, Rue Ibn Khaldoun", r => r.SeatAddress),
        new("commune", ColumnType.String, "Commune", "Commune du siège.", "جماعة المقر.", "Fès", r => r.Commune),
        new("province_code", ColumnType.String, "Code préfecture/province", "Code RR.PPP de la préfecture ou province du siège.", "رمز العمالة أو الإقليم.", "03.231", r => r.ProvinceCode),
        new("province_name_fr", ColumnType.String, "Préfecture/province", "Nom de la préfecture ou province en français.", "اسم العمالة أو الإقليم بالفرنسية.", "Fès", r => r.ProvinceNameFr),
        new("province_name_ar", ColumnType.String, "Préfecture/province (arabe)", "Nom de la préfecture ou province en arabe.", "اسم العمالة أو الإقليم بالعربية.", "فاس", r => r.ProvinceNameAr),
        new("region_code", ColumnType.String, "Code région", "Code de la région (01 à 12, décret 2-15-40).", "رمز الجهة.", "03", r => r.RegionCode),
        new("region_name_fr", ColumnType.String, "Région", "Nom de la région en français.", "اسم الجهة بالفرنسية.", "Fès-Meknès", r => r.RegionNameFr),
        new("region_name_ar", ColumnType.String, "Région (arabe)", "Nom de la région en arabe.", "اسم الجهة بالعربية.", "فاس مكناس", r => r.RegionNameAr),
        new("founded_on", ColumnType.Date, "Date de création", "Date de l'assemblée générale constitutive.", "تاريخ الجمع العام التأسيسي.", "2019-04-12", r => r.FoundedOn),
        new("provisional_receipt_number", ColumnType.String, "N° récépissé provisoire", "Numéro du récépissé provisoire remis au dépôt du dossier.", "رقم الوصل المؤقت.", "RP-03.231-2019-000001", r => r.ProvisionalReceiptNumber),
        new("provisional_receipt_date", ColumnType.Date, "Date récépissé provisoire", "Date du dépôt et du récépissé provisoire.", "تاريخ الوصل المؤقت.", "2019-04-20", r => r.ProvisionalReceiptDate),
        new("definitive_receipt_number", ColumnType.String, "N° récépissé définitif", "Numéro du récépissé définitif.", "رقم الوصل النهائي.", "RD-03.231-2019-000001", r => r.DefinitiveReceiptNumber),
        new("definitive_receipt_date", ColumnType.Date, "Date récépissé définitif", "Date du récépissé définitif (dû dans les 60 jours d'un dépôt complet).", "تاريخ الوصل النهائي.", "2019-06-02", r => r.DefinitiveReceiptDate),
        new("public_utility_decree", ColumnType.String, "Décret d'utilité publique", "Numéro du décret reconnaissant l'utilité publique.", "رقم مرسوم الاعتراف بصفة المنفعة العامة.", "2-20-123", r => r.PublicUtilityDecree),
        new("public_utility_date", ColumnType.Date, "Date du décret", "Date du décret d'utilité publique.", "تاريخ مرسوم المنفعة العامة.", "2020-06-02", r => r.PublicUtilityDate),
        new("parent_registry_number", ColumnType.String, "Fédération ou association mère", "Numéro au registre de la fédération ou de l'association dont elle est membre ou la section.", "رقم الفيدرالية أو الجمعية الأم.", "1000002-11", r => r.ParentRegistryNumber),
        new("contact_email", ColumnType.String, "Courriel de l'organisation", "Adresse électronique de contact de l'organisation.", "البريد الإلكتروني للجمعية.", "contact@association.ma", r => r.ContactEmail),
        new("contact_phone", ColumnType.String, "Téléphone de l'organisation", "Téléphone de contact de l'organisation.", "هاتف الجمعية.", "+212 5 35 00 00 00", r => r.ContactPhone),
        new("website", ColumnType.String, "Site web", "Site web de l'organisation.", "الموقع الإلكتروني.", "https://association.ma", r => r.Website),
        new("dissolved_on", ColumnType.Date, "Date de dissolution", "Date de la dissolution volontaire ou judiciaire.", "تاريخ الحل.", "2024-01-15", r => r.DissolvedOn),
        new("updated_at", ColumnType.Timestamp, "Dernière mise à jour", "Date et heure (UTC) de la dernière modification de la fiche publique.", "تاريخ آخر تحديث (بالتوقيت العالمي).", "2026-12-01T09:00:00Z", r => r.UpdatedAt),
    ];
}
