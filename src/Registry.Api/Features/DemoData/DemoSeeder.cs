using Dapper;
using Registry.Api.Data;
using Registry.Api.Features.Associations;

namespace Registry.Api.Features.DemoData;

public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    /// <summary>Seeds demo associations into an empty database; honoured in the Development environment only.</summary>
    public bool Enabled { get; set; }

    public int Count { get; set; } = 2400;
}

public sealed class DemoSeeder(Database db, ILogger<DemoSeeder> logger)
{
    private static readonly Sql CountAssociations = new("SELECT COUNT(*) FROM associations");
    private static readonly Sql Provinces = new("SELECT code, name_fr AS NameFr, name_ar AS NameAr, region_code AS RegionCode FROM provinces ORDER BY region_code, code");
    private static readonly Sql Regions = new("SELECT code, name_fr AS NameFr, name_ar AS NameAr FROM regions");

    /// <summary>Seeds when the register is empty; returns how many associations were added.</summary>
    public async Task<int> SeedAsync(int count, CancellationToken ct = default)
    {
        var seeded = await db.WriteAsync(async (c, tx, _) =>
        {
            if (await c.ExecuteScalarAsync<long>(db.Sql(CountAssociations), transaction: tx) > 0) return 0;
            // One province per region first, so every region is represented even in a small demo.
            var provinces = (await c.QueryAsync<DemoProvince>(db.Sql(Provinces), transaction: tx))
                .GroupBy(p => p.RegionCode).SelectMany(g => g.Select((p, i) => (p, i))).OrderBy(x => x.i).Select(x => x.p).ToList();
            var regions = (await c.QueryAsync<(string Code, string NameFr, string NameAr)>(db.Sql(Regions), transaction: tx))
                .ToDictionary(r => r.Code, r => (r.NameFr, r.NameAr));
            var associations = DemoAssociations.Generate(count, provinces, regions);
            foreach (var a in associations)
            {
                var at = new DateTimeOffset(a.DefinitiveReceiptDate ?? a.ProvisionalReceiptDate ?? a.FoundedOn, new TimeOnly(9, 0), TimeSpan.Zero);
                var (id, _) = (await AssociationWrites.InsertAsync(c, tx, db.Dialect, [a], at))[0];
                foreach (var (on, type, reference) in DemoAssociations.Timeline(a))
                    await AssociationWrites.AppendHistoryAsync(c, tx, db.Dialect, id, on, type, reference, null, at);
            }
            return associations.Count;
        }, ct);
        if (seeded > 0) logger.LogInformation("Seeded {Count} demo associations", seeded);
        return seeded;
    }
}
