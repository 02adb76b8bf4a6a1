using System.Data.Common;
using Dapper;
using Registry.Api.Data;

namespace Registry.Api.Features.Directory;

/// <summary>
/// The public record of an association: the organisation's own public fields only. Bureau members' personal data
/// (law 09-08) is not part of it.
/// </summary>
public sealed class PublicAssociation
{
    internal long Id { get; set; }
    internal object? SortKey { get; set; }
    internal long Total { get; set; }
    internal string? CursorKey { get; set; }

    /// <summary>Registry number: seven digits and two ISO 7064 MOD 97-10 check digits, e.g. 1000042-85.</summary>
    public string RegistryNumber { get; set; } = "";
    /// <summary>association, union, federation or foreign_association.</summary>
    public string Kind { get; set; } = "";
    /// <summary>local, provincial, regional or national.</summary>
    public string Scope { get; set; } = "";
    /// <summary>deposited, registered, deemed_operating, completion_requested, receipt_withheld or dissolved.</summary>
    public string Status { get; set; } = "";
    public string? NameFr { get; set; }
    public string? NameAr { get; set; }
    /// <summary>Name in Tamazight, where given.</summary>
    public string? NameZgh { get; set; }
    public string? Acronym { get; set; }
    public string Object { get; set; } = "";
    /// <summary>Activity domain codes (GET /v1/domains).</summary>
    public IReadOnlyList<string> Domains { get; set; } = [];
    public string SeatAddress { get; set; } = "";
    public string Commune { get; set; } = "";
    /// <summary>RR.PPP code of the prefecture or province, e.g. 06.141.</summary>
    public string ProvinceCode { get; set; } = "";
    /// <summary>Two-digit region code.</summary>
    public string RegionCode { get; set; } = "";
    public DateOnly FoundedOn { get; set; }
    public string? ProvisionalReceiptNumber { get; set; }
    public DateOnly? ProvisionalReceiptDate { get; set; }
    public string? DefinitiveReceiptNumber { get; set; }
    public DateOnly? DefinitiveReceiptDate { get; set; }
    /// <summary>Number of the decree granting public-utility status (decree 2-04-969), if granted.</summary>
    public string? PublicUtilityDecree { get; set; }
    public DateOnly? PublicUtilityDate { get; set; }
    /// <summary>Registry number of the parent federation or association, for members and branches.</summary>
    public string? ParentRegistryNumber { get; set; }
    /// <summary>The organisation's contact e-mail (never a person's).</summary>
    public string? ContactEmail { get; set; }
    /// <summary>The organisation's contact phone (never a person's).</summary>
    public string? ContactPhone { get; set; }
    public string? Website { get; set; }
    public DateOnly? DissolvedOn { get; set; }
    /// <summary>When the public record last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Increases with every change of the record; the ETag is made from it.</summary>
    public long Version { get; set; }

    /// <summary>Fills <see cref="Domains"/> of up to one page of records in one query.</summary>
    internal static async Task LoadDomainsAsync(DbConnection c, SqlDialect dialect, IReadOnlyList<PublicAssociation> page)
    {
        if (page.Count == 0) return;
        var rows = await c.QueryAsync<(long AssociationId, string DomainCode)>(DirectorySql.PageDomains(page.Count).For(dialect),
            DirectorySql.IdParameters(page.Select(a => a.Id).ToList()));
        var byId = rows.GroupBy(r => r.AssociationId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.DomainCode).ToList());
        foreach (var a in page) a.Domains = byId.GetValueOrDefault(a.Id) ?? [];
    }
}
