using Dapper;
using Registry.Api.Data;

namespace Registry.Api.Features.Directory;

/// <summary>The region, province and domain codes, read once: reference data only changes with a migration and a restart.</summary>
public sealed class ReferenceCodes(Database db)
{
    private static readonly Sql Select = new("""
        SELECT 'region' AS Type, code AS Code FROM regions
        UNION ALL SELECT 'province', code FROM provinces
        UNION ALL SELECT 'domain', code FROM domains
        """);

    private Task<ReferenceCodeSet>? _codes;

    public Task<ReferenceCodeSet> GetAsync(CancellationToken ct) => _codes ??= LoadAsync(ct);

    private async Task<ReferenceCodeSet> LoadAsync(CancellationToken ct)
    {
        try
        {
            var rows = await db.ReadAsync(async (c, _) => (await c.QueryAsync<(string Type, string Code)>(db.Sql(Select))).AsList(), ct);
            IReadOnlySet<string> Of(string type) => rows.Where(r => r.Type == type).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
            return new ReferenceCodeSet(Of("region"), Of("province"), Of("domain"));
        }
        catch
        {
            _codes = null;
            throw;
        }
    }
}
