using System.Text.RegularExpressions;
using Registry.Api.Domain;

namespace Registry.Api.Features.Declarations;

/// <summary>What a declaration must hold, by kind. Messages name the field, never echo a person's data.</summary>
public static partial class DeclarationValidation
{
    /// <summary>The longest value each public field of the record holds (the SQL Server columns' sizes).</summary>
    public static readonly IReadOnlyDictionary<string, int> MaxLengths = new Dictionary<string, int>
    {
        ["nameFr"] = 400, ["nameAr"] = 400, ["nameZgh"] = 400, ["acronym"] = 40, ["object"] = 4000, ["seatAddress"] = 400,
        ["commune"] = 200, ["contactEmail"] = 200, ["contactPhone"] = 40, ["website"] = 400,
    };

    public static IEnumerable<(string Field, string Message)> Validate(DeclarationInput input)
    {
        if (!DeclarationKind.All.Contains(input.Kind))
        {
            yield return ("kind", $"Kind must be one of: {string.Join(", ", DeclarationKind.All)}.");
            yield break;
        }
        var a = input.Association ?? new DeclaredAssociation();
        if (input.Kind == DeclarationKind.Founding)
        {
            if (input.RegistryNumber is not null) yield return ("registryNumber", "A founding declaration has no registry number yet: the registry gives it.");
            if (!AssociationKind.All.Contains(a.Kind ?? "")) yield return ("association.kind", $"Kind must be one of: {string.Join(", ", AssociationKind.All)}.");
            if (!AssociationScope.All.Contains(a.Scope ?? "")) yield return ("association.scope", $"Scope must be one of: {string.Join(", ", AssociationScope.All)}.");
            if (Blank(a.NameFr) && Blank(a.NameAr)) yield return ("association.nameFr", "The association needs a name, in French or Arabic (or both).");
            if (Blank(a.Object)) yield return ("association.object", "The object of the association is required.");
            if (Blank(a.SeatAddress)) yield return ("association.seatAddress", "The seat address is required.");
            if (Blank(a.Commune)) yield return ("association.commune", "The commune of the seat is required.");
            if (a.FoundedOn is null) yield return ("association.foundedOn", "The date of the founding general assembly is required.");
            if (a.Domains is not { Count: > 0 }) yield return ("association.domains", "At least one activity domain is required (GET /v1/domains).");
        }
        else
        {
            if (RegistryNumber.Check(input.RegistryNumber, out _) != RegistryNumberCheck.Valid)
                yield return ("registryNumber", "A change declaration names the association's registry number, e.g. 1000042-85.");
            if (a.Kind is not null) yield return ("association.kind", "The kind of organisation is not changed by a declaration.");
            if (a.FoundedOn is not null) yield return ("association.foundedOn", "The founding date is not changed by a declaration.");
        }
        switch (input.Kind)
        {
            case DeclarationKind.SeatTransfer or DeclarationKind.BranchOpening:
                if (Blank(a.SeatAddress)) yield return ("association.seatAddress", "The new address is required.");
                if (Blank(a.Commune)) yield return ("association.commune", "The commune is required.");
                break;
            case DeclarationKind.StatuteAmendment:
                if (Blank(a.Object) && Blank(a.NameFr) && Blank(a.NameAr) && Blank(a.NameZgh) && Blank(a.Acronym) && a.Scope is null && a.Domains is null)
                    yield return ("association", "A statute amendment declares at least one changed field: names, acronym, object, scope or domains.");
                break;
        }
        if (input.Kind is DeclarationKind.Founding or DeclarationKind.SeatTransfer && !ReceiptNumber.ProvinceCode().IsMatch(a.ProvinceCode ?? ""))
            yield return ("association.provinceCode", "The prefecture or province of the seat is required, written RR.PPP (e.g. 06.141).");
        else if (input.Kind is not (DeclarationKind.Founding or DeclarationKind.SeatTransfer) && a.ProvinceCode is not null)
            yield return ("association.provinceCode", "Only a founding or seat-transfer declaration sets the province.");
        foreach (var (field, value) in new[]
                 {
                     ("nameFr", a.NameFr), ("nameAr", a.NameAr), ("nameZgh", a.NameZgh), ("acronym", a.Acronym), ("object", a.Object),
                     ("seatAddress", a.SeatAddress), ("commune", a.Commune), ("contactEmail", a.ContactEmail), ("contactPhone", a.ContactPhone),
                     ("website", a.Website),
                 })
            if (value is not null && value.Length > MaxLengths[field])
                yield return ($"association.{field}", $"At most {MaxLengths[field]} characters.");
        if (a.Scope is not null && !AssociationScope.All.Contains(a.Scope)) yield return ("association.scope", $"Scope must be one of: {string.Join(", ", AssociationScope.All)}.");
        if (a.Website is { Length: > 0 } site && !Uri.TryCreate(site, UriKind.Absolute, out _)) yield return ("association.website", "The website must be an absolute URL.");
        if (a.ContactEmail is { Length: > 0 } email && !email.Contains('@')) yield return ("association.contactEmail", "The contact e-mail is not an e-mail address.");

        var membersRequired = input.Kind is DeclarationKind.Founding or DeclarationKind.BureauRenewal;
        if (membersRequired && (input.Members?.Count ?? 0) == 0) yield return ("members", "The bureau members are required for this kind of declaration.");
        for (var i = 0; i < (input.Members?.Count ?? 0); i++)
        {
            var m = input.Members![i];
            var at = $"members[{i}]";
            if (new[] { m.FirstName, m.LastName, m.Role, m.Nationality, m.BirthPlace, m.Profession, m.HomeAddress }.Any(v => v?.Length > 400))
                yield return (at, "A member's fields hold at most 400 characters each.");
            if (Blank(m.FirstName)) yield return ($"{at}.firstName", "First name is required.");
            if (Blank(m.LastName)) yield return ($"{at}.lastName", "Last name is required.");
            if (Blank(m.Role)) yield return ($"{at}.role", "Role in the bureau is required.");
            if (Blank(m.Nationality)) yield return ($"{at}.nationality", "Nationality is required.");
            if (m.BirthDate == default) yield return ($"{at}.birthDate", "Date of birth is required.");
            if (Blank(m.BirthPlace)) yield return ($"{at}.birthPlace", "Place of birth is required.");
            if (Blank(m.Profession)) yield return ($"{at}.profession", "Profession is required.");
            if (Blank(m.HomeAddress)) yield return ($"{at}.homeAddress", "Home address is required.");
            if (!Cin().IsMatch(m.Cin ?? "")) yield return ($"{at}.cin", "The CIN number is one or two capital letters followed by up to six digits.");
        }

        if (input.Members?.Count > 50) yield return ("members", "At most 50 bureau members.");
        if (input.Documents?.Count > 50) yield return ("documents", "At most 50 documents.");
        if (input.RegistryNumber?.Length > 20) yield return ("registryNumber", "A registry number is 10 characters, e.g. 1000042-85.");
        if ((input.Documents?.Count ?? 0) == 0) yield return ("documents", "The file's documents are required (statutes, minutes of the general assembly).");
        for (var i = 0; i < (input.Documents?.Count ?? 0); i++)
        {
            var d = input.Documents![i];
            var at = $"documents[{i}]";
            if (Blank(d.FileName) || d.FileName.Length > 255) yield return ($"{at}.fileName", "File name is required (at most 255 characters).");
            if (!(d.MediaType ?? "").Contains('/') || d.MediaType!.Length > 100) yield return ($"{at}.mediaType", "Media type is required, e.g. application/pdf.");
            if (d.Size <= 0) yield return ($"{at}.size", "Size in bytes must be positive.");
            if (!Sha256().IsMatch(d.Sha256 ?? "")) yield return ($"{at}.sha256", "SHA-256 must be 64 hexadecimal characters.");
        }
    }

    private static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);

    [GeneratedRegex("^[A-Z]{1,2}[0-9]{1,6}$")]
    private static partial Regex Cin();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256();
}
