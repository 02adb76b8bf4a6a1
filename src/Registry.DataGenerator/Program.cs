using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Associations;
using Registry.Api.Features.DemoData;
using Registry.Api.Features.Directory;

// Loads N realistic associations (the demo generator's names, places, statuses and timelines) into a SQLite
// database, with their domains, public timeline and search index, in one transaction with prepared commands.
// Secondary indexes are dropped during the load and rebuilt at the end (one sort instead of N random inserts).
var path = Path.GetFullPath(args.ElementAtOrDefault(0) ?? "registry-1m.db");
var count = int.Parse(args.ElementAtOrDefault(1) ?? "1000000", CultureInfo.InvariantCulture);
const int chunk = 10_000;

foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
DapperTypeHandlers.Register();
var db = new Database(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" }, Environment.CurrentDirectory);
await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
SqliteConnection.ClearAllPools();

await using var c = new SqliteConnection($"Data Source={path};Pooling=False");
await c.OpenAsync();
await c.ExecuteAsync("PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF;");
var provinces = (await c.QueryAsync<DemoProvince>("SELECT code, name_fr AS NameFr, name_ar AS NameAr, region_code AS RegionCode FROM provinces ORDER BY region_code, code"))
    .GroupBy(p => p.RegionCode).SelectMany(g => g.Select((p, i) => (p, i))).OrderBy(x => x.i).Select(x => x.p).ToList();
var regions = (await c.QueryAsync<(string Code, string NameFr, string NameAr)>("SELECT code, name_fr, name_ar FROM regions")).ToDictionary(r => r.Code, r => (r.NameFr, r.NameAr));

var tables = new[] { "associations", "association_domains", "association_history", "association_search_terms", "association_search_names", "association_sort_names" };
var indexes = (await c.QueryAsync<(string Name, string Sql)>(
    $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))})")).ToList();
foreach (var index in indexes) await c.ExecuteAsync($"DROP INDEX {index.Name}");

var clock = Stopwatch.StartNew();
await using (var tx = c.BeginTransaction())
{
    var insertAssociation = Command(c, tx, """
        INSERT INTO associations (id, registry_number, kind, scope, status, name_fr, name_ar, name_zgh, acronym, object, seat_address, commune,
            province_code, region_code, founded_on, provisional_receipt_number, provisional_receipt_date, definitive_receipt_number,
            definitive_receipt_date, public_utility_decree, public_utility_date, parent_id, contact_email, contact_phone, website, dissolved_on,
            created_at, updated_at, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, NULL, $22, NULL, $23, $24, $25, $25, 1)
        """, 25);
    var insertDomain = Command(c, tx, "INSERT INTO association_domains (association_id, domain_code) VALUES ($1, $2)", 2);
    var insertHistory = Command(c, tx, "INSERT INTO association_history (association_id, occurred_on, type, reference, summary, recorded_at) VALUES ($1, $2, $3, $4, NULL, $5)", 5);
    var insertTerm = Command(c, tx, "INSERT INTO association_search_terms (term, association_id, weight) VALUES ($1, $2, $3)", 3);
    var insertName = Command(c, tx, "INSERT INTO association_search_names (name_key, association_id) VALUES ($1, $2)", 2);
    var insertSort = Command(c, tx, "INSERT INTO association_sort_names (association_id, sort_name) VALUES ($1, $2)", 2);

    // Generating and tokenising run on another thread while this one inserts.
    var chunks = Channel.CreateBounded<List<(NewAssociation, SearchEntries)>>(4);
    var producer = Task.Run(async () =>
    {
        for (var start = 0; start < count; start += chunk)
            await chunks.Writer.WriteAsync(DemoAssociations.Generate(Math.Min(chunk, count - start), provinces, regions, seed: 1958 + start / chunk)
                .Select(a => (a, SearchIndex.Entries(new SearchDocument(a.NameFr, a.NameAr, a.NameZgh, a.Acronym, a.Object)))).ToList());
        chunks.Writer.Complete();
    });
    long id = 0, rows = 0;
    await foreach (var batch in chunks.Reader.ReadAllAsync())
    {
        foreach (var (a, entries) in batch)
        {
            id++;
            var number = new RegistryNumber(RegistryNumber.FirstSequence - 1 + id).ToString();
            var year = (a.ProvisionalReceiptDate ?? a.FoundedOn).Year.ToString(CultureInfo.InvariantCulture);
            var at = Instant(a.DefinitiveReceiptDate ?? a.ProvisionalReceiptDate ?? a.FoundedOn);
            Run(insertAssociation, id, number, a.Kind, a.Scope, a.Status, a.NameFr, a.NameAr, a.NameZgh, a.Acronym, a.Object, a.SeatAddress, a.Commune,
                a.ProvinceCode, a.RegionCode, Day(a.FoundedOn), $"RP-{a.ProvinceCode}-{year}-{id:D7}", Day(a.ProvisionalReceiptDate),
                a.DefinitiveReceiptNumber is null ? null : $"RD-{a.ProvinceCode}-{year}-{id:D7}", Day(a.DefinitiveReceiptDate),
                a.PublicUtilityDecree, Day(a.PublicUtilityDate), a.ContactEmail is null ? null : $"contact.{id}@associations.example.ma",
                a.Website is null ? null : $"https://association-{id}.example.ma", Day(a.DissolvedOn), at);
            rows++;
            foreach (var domain in a.Domains) { Run(insertDomain, id, domain); rows++; }
            foreach (var (on, type, reference) in DemoAssociations.Timeline(a))
            {
                Run(insertHistory, id, Day(on), type, type switch
                {
                    "provisional_receipt" => $"RP-{a.ProvinceCode}-{year}-{id:D7}",
                    "definitive_receipt" => $"RD-{a.ProvinceCode}-{year}-{id:D7}",
                    _ => reference,
                }, at);
                rows++;
            }
            foreach (var (term, weight) in entries.Terms) { Run(insertTerm, term, id, weight); rows++; }
            foreach (var key in entries.NameKeys) { Run(insertName, key, id); rows++; }
            Run(insertSort, id, entries.SortName);
            rows++;
        }
        Console.Write($"\r{id:N0} / {count:N0} associations, {rows:N0} rows, {id / clock.Elapsed.TotalSeconds:N0} associations/s   ");
    }
    await producer;
    await c.ExecuteAsync("UPDATE counters SET value = @Last WHERE name = 'registry_number'", new { Last = RegistryNumber.FirstSequence - 1 + id }, tx);
    var loaded = clock.Elapsed;
    Console.WriteLine();
    Console.WriteLine($"Loaded {id:N0} associations ({rows:N0} rows) in {loaded.TotalSeconds:N1} s: {id / loaded.TotalSeconds:N0} associations/s, {rows / loaded.TotalSeconds:N0} rows/s");
    foreach (var index in indexes)
    {
        Console.Write($"\rIndexing {index.Name}...                                  ");
        await c.ExecuteAsync(index.Sql, transaction: tx);
    }
    await tx.CommitAsync();
    Console.WriteLine();
}
await c.ExecuteAsync("ANALYZE; PRAGMA optimize;");
var total = clock.Elapsed;
Console.WriteLine($"Done in {total.TotalSeconds:N1} s with indexes and statistics: {count / total.TotalSeconds:N0} associations/s overall. {path} ({new FileInfo(path).Length / 1_048_576:N0} MB)");

static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

static string Instant(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T09:00:00.0000000Z";

static SqliteCommand Command(SqliteConnection c, SqliteTransaction tx, string sql, int parameters)
{
    var command = c.CreateCommand();
    command.Transaction = tx;
    command.CommandText = sql;
    for (var i = 1; i <= parameters; i++) command.Parameters.Add(new SqliteParameter($"${i}", null));
    command.Prepare();
    return command;
}

static void Run(SqliteCommand command, params object?[] values)
{
    for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    command.ExecuteNonQuery();
}
