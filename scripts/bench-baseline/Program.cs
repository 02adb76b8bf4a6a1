using System.Text.Json;
using Microsoft.Data.Sqlite;

// Baseline for scripts/bench-directory: the same statements as the API's lookup and search, with raw ADO.NET and
// no framework, validation, rate limiting or Dapper. Search takes the already-normalised words (t0 = driving word).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var connectionString = new SqliteConnectionStringBuilder { DataSource = args.First(a => a.EndsWith(".db")), Pooling = true, Mode = SqliteOpenMode.ReadOnly }.ToString();

const string Columns = """
    a.id, a.registry_number, a.kind, a.scope, a.status, a.name_fr, a.name_ar, a.name_zgh, a.acronym, a.object, a.seat_address, a.commune,
    a.province_code, a.region_code, a.founded_on, a.provisional_receipt_number, a.provisional_receipt_date, a.definitive_receipt_number,
    a.definitive_receipt_date, a.public_utility_decree, a.public_utility_date, p.registry_number, a.contact_email, a.contact_phone, a.website,
    a.dissolved_on, a.updated_at, a.version
    """;
string[] names = ["id", "registryNumber", "kind", "scope", "status", "nameFr", "nameAr", "nameZgh", "acronym", "object", "seatAddress", "commune",
    "provinceCode", "regionCode", "foundedOn", "provisionalReceiptNumber", "provisionalReceiptDate", "definitiveReceiptNumber",
    "definitiveReceiptDate", "publicUtilityDecree", "publicUtilityDate", "parentRegistryNumber", "contactEmail", "contactPhone", "website",
    "dissolvedOn", "updatedAt", "version"];

app.MapGet("/lookup/{number}", async (string number, HttpContext http) =>
{
    await using var c = new SqliteConnection(connectionString);
    await c.OpenAsync();
    await using var cmd = c.CreateCommand();
    cmd.CommandText = $"SELECT {Columns} FROM associations a LEFT JOIN associations p ON p.id = a.parent_id WHERE a.registry_number = $n";
    cmd.Parameters.AddWithValue("$n", number);
    var rows = await ReadAsync(cmd);
    if (rows.Count == 0) return Results.NotFound();
    await AddDomainsAsync(c, rows);
    return Results.Json(rows[0]);
});

app.MapGet("/search", async (string t0, string? t1, string? region, HttpContext http) =>
{
    await using var c = new SqliteConnection(connectionString);
    await c.OpenAsync();
    var terms = t1 is null ? new[] { t0 } : [t0, t1];
    foreach (var term in terms)
    {
        await using var probe = c.CreateCommand();
        probe.CommandText = "SELECT COUNT(*) FROM (SELECT t.association_id FROM association_search_terms t WHERE t.term >= $t AND t.term < $e ORDER BY t.term, t.association_id LIMIT 50000) c";
        probe.Parameters.AddWithValue("$t", term);
        probe.Parameters.AddWithValue("$e", End(term));
        await probe.ExecuteScalarAsync();
    }
    var where = "WHERE a.id IN (SELECT d.association_id FROM association_search_terms d WHERE d.term >= $t0 AND d.term < $e0)"
        + (t1 is null ? "" : " AND EXISTS (SELECT 1 FROM association_search_terms x1 WHERE x1.association_id = a.id AND x1.term >= $t1 AND x1.term < $e1)")
        + (region is null ? "" : " AND a.region_code = $region");
    var score = string.Join(" + ", terms.Select((_, i) =>
        $"(SELECT MAX(s{i}.weight * CASE WHEN s{i}.term = $t{i} THEN 2 ELSE 1 END) FROM association_search_terms s{i} WHERE s{i}.association_id = a.id AND s{i}.term >= $t{i} AND s{i}.term < $e{i})"))
        + " + CASE WHEN a.id IN (SELECT n.association_id FROM association_search_names n WHERE n.name_key = $key) THEN 100 ELSE 0 END";
    // Without a region, the API ranks straight from the driving word's postings; with one, through the association rows.
    var bonus = "CASE WHEN g.id IN (SELECT n.association_id FROM association_search_names n WHERE n.name_key = $key) THEN 100 ELSE 0 END";
    var inner = region is not null
        ? $"SELECT a.id AS id, {score} AS sort_key, COUNT(*) OVER () AS total FROM associations a {where}"
        : "SELECT g.id AS id, g.w0" + (t1 is null ? "" : " + g.w1") + $" + {bonus} AS sort_key, COUNT(*) OVER () AS total FROM (" +
          "SELECT d.association_id AS id, MAX(d.weight * CASE WHEN d.term = $t0 THEN 2 ELSE 1 END) AS w0" +
          (t1 is null ? "" : ", (SELECT MAX(t1.weight * CASE WHEN t1.term = $t1 THEN 2 ELSE 1 END) FROM association_search_terms t1 WHERE t1.association_id = d.association_id AND t1.term >= $t1 AND t1.term < $e1) AS w1") +
          " FROM association_search_terms d WHERE d.term >= $t0 AND d.term < $e0 GROUP BY d.association_id) g" + (t1 is null ? "" : " WHERE g.w1 IS NOT NULL");
    await using var page = c.CreateCommand();
    page.CommandText = $"SELECT {Columns}, m.sort_key, m.total FROM ({inner}) m " +
                       "JOIN associations a ON a.id = m.id LEFT JOIN associations p ON p.id = a.parent_id ORDER BY m.sort_key DESC, m.id LIMIT 21";
    foreach (var cmd in new[] { page })
    {
        for (var i = 0; i < terms.Length; i++)
        {
            cmd.Parameters.AddWithValue($"$t{i}", terms[i]);
            cmd.Parameters.AddWithValue($"$e{i}", End(terms[i]));
        }
        if (region is not null) cmd.Parameters.AddWithValue("$region", region);
    }
    page.Parameters.AddWithValue("$key", string.Join(' ', terms));
    var rows = await ReadAsync(page);
    var total = rows.Count > 0 ? rows[0]["total"] : 0L;
    if (rows.Count > 20) rows.RemoveAt(20);
    await AddDomainsAsync(c, rows);
    return Results.Json(new { items = rows, total });
});

app.Run();

static string End(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

async Task<List<Dictionary<string, object?>>> ReadAsync(SqliteCommand cmd)
{
    var rows = new List<Dictionary<string, object?>>();
    await using var reader = await cmd.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        var row = new Dictionary<string, object?>(names.Length + 1);
        for (var i = 0; i < names.Length; i++) row[names[i]] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        if (reader.FieldCount > names.Length + 1) row["total"] = reader.GetInt64(names.Length + 1);
        rows.Add(row);
    }
    return rows;
}

static async Task AddDomainsAsync(SqliteConnection c, List<Dictionary<string, object?>> rows)
{
    if (rows.Count == 0) return;
    await using var cmd = c.CreateCommand();
    cmd.CommandText = $"SELECT association_id, domain_code FROM association_domains WHERE association_id IN ({string.Join(", ", rows.Select((_, i) => $"$id{i}"))}) ORDER BY association_id, domain_code";
    for (var i = 0; i < rows.Count; i++) cmd.Parameters.AddWithValue($"$id{i}", rows[i]["id"]);
    var byId = new Dictionary<long, List<string>>();
    await using var reader = await cmd.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        var id = reader.GetInt64(0);
        if (!byId.TryGetValue(id, out var list)) byId[id] = list = [];
        list.Add(reader.GetString(1));
    }
    foreach (var row in rows) row["domains"] = byId.GetValueOrDefault((long)row["id"]!) ?? [];
}
