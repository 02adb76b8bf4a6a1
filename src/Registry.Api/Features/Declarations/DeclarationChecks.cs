using System.Data.Common;
using System.Text.Json;
using Dapper;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Identity;
using Registry.Api.Web;

namespace Registry.Api.Features.Declarations;

/// <summary>Checks of a declaration against the register: the territory it belongs to, and who may file it.</summary>
public static class DeclarationChecks
{
    public static string Serialise(DeclarationInput input) => JsonSerializer.Serialize(input, Json.Options);

    /// <summary>The province whose authority receives the declaration, and the association it concerns (for a change).</summary>
    public static async Task<(string Province, long? AssociationId)> TerritoryAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, Caller caller, DeclarationInput input)
    {
        var a = input.Association;
        if (a.ProvinceCode is not null) await DeclarationStore.RegionOfAsync(c, tx, dialect, a.ProvinceCode);
        if (a.Domains is { Count: > 0 } domains)
        {
            var known = (await c.QueryAsync<string>(DeclarationStore.KnownDomains.For(dialect), transaction: tx)).ToHashSet();
            var unknown = domains.Where(d => !known.Contains(d)).ToList();
            if (unknown.Count > 0) throw ApiProblem.Unprocessable($"Unknown activity domain(s): {string.Join(", ", unknown)}. GET /v1/domains lists them.");
        }

        string province;
        long? associationId = null;
        if (input.Kind == DeclarationKind.Founding)
            province = a.ProvinceCode!;
        else
        {
            RegistryNumber.Check(input.RegistryNumber, out var number);
            var association = await c.QuerySingleOrDefaultAsync<DeclarationStore.AssociationRef>(
                DeclarationStore.AssociationByNumber.For(dialect), new { RegistryNumber = number.ToString() }, tx)
                ?? throw ApiProblem.Unprocessable($"There is no association with registry number {number} in the register.");
            if (association.Status == AssociationStatus.Dissolved)
                throw ApiProblem.Unprocessable($"Association {number} is dissolved: no change can be declared.");
            province = association.ProvinceCode;
            associationId = association.Id;
            if (caller.Role == RegistryRoles.Representative &&
                await c.ExecuteScalarAsync<long>(DeclarationStore.HasFiledFor.For(dialect), new { AssociationId = association.Id, FiledBy = caller.Subject }, tx) == 0)
                throw ApiProblem.Forbidden($"Only a representative of association {number} (who filed one of its declarations) may declare its changes.");
        }
        if (caller.Role == RegistryRoles.Machine && !caller.MaySubmitFor(province))
            throw ApiProblem.Forbidden($"This API key may not submit declarations for {province}: it needs the scope {ApiKeyScopes.SubmitDeclarations(province)}.");
        return (province, associationId);
    }
}
