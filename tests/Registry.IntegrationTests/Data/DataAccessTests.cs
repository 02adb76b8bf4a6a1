using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Associations;
using Registry.Api.Features.DemoData;
using Registry.Api.Features.Directory;

namespace Registry.IntegrationTests.Data;

/// <summary>Written once, run on every provider: SQLite always, SQL Server when REGISTRY_TEST_SQLSERVER is set.</summary>
public abstract class DataAccessTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    protected TDatabase TestDb { get; } = new();

    protected Database Db { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (TestDb.SkipReason is not null) return;
        Db = TestDb.Open();
        await Migrator().MigrateAsync();
    }

    public async Task DisposeAsync() => await TestDb.DisposeAsync();

    protected Migrator Migrator() => new(Db, NullLogger<Migrator>.Instance);

    protected void SkipUnlessAvailable() => Skip.If(TestDb.SkipReason is not null, TestDb.SkipReason);

    [SkippableFact]
    public async Task Migrations_are_recorded_and_never_applied_twice()
    {
        SkipUnlessAvailable();
        var scripts = Directory.GetFiles(Migrator().ScriptsFolder, "*.sql").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        var again = await Migrator().MigrateAsync();

        again.Should().BeEmpty();
        var journal = await Db.ReadAsync(async (c, _) => (await c.QueryAsync<string>("SELECT id FROM schema_migrations ORDER BY id")).AsList(), default);
        journal.Should().Equal(scripts);
    }

    [SkippableFact]
    public async Task Reference_data_is_loaded()
    {
        SkipUnlessAvailable();
        var (regions, provinces, domains) = await Db.ReadAsync(async (c, _) => (
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM regions"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM provinces"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM domains")), default);

        regions.Should().Be(12);
        provinces.Should().Be(75);
        domains.Should().BeInRange(12, 15);
        var orphans = await Db.ReadAsync((c, _) => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM provinces p WHERE NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = p.region_code)"), default);
        orphans.Should().Be(0);
    }

    [SkippableFact]
    public async Task Guid_DateTimeOffset_and_DateOnly_round_trip()
    {
        SkipUnlessAvailable();
        var guid = Guid.NewGuid();
        var moment = new DateTimeOffset(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);
        var day = new DateOnly(1958, 11, 15);

        var (g, m, d) = await Db.ReadAsync(async (c, _) => (
            await c.QuerySingleAsync<Guid>("SELECT @Value", new { Value = guid }),
            await c.QuerySingleAsync<DateTimeOffset>("SELECT @Value", new { Value = moment }),
            await c.QuerySingleAsync<DateOnly>("SELECT @Value", new { Value = day })), default);

        g.Should().Be(guid);
        m.Should().Be(moment);
        d.Should().Be(day);
    }

    [SkippableFact]
    public async Task A_failed_unit_of_work_leaves_nothing_behind()
    {
        SkipUnlessAvailable();
        var write = () => Db.WriteAsync<int>(async (c, tx, _) =>
        {
            await AssociationWrites.InsertAsync(c, tx, Db.Dialect, [Sample()], DateTimeOffset.UtcNow);
            throw new InvalidOperationException("failure after the insert");
        }, default).AsTask();

        await write.Should().ThrowAsync<InvalidOperationException>();

        (await Count("associations")).Should().Be(0);
        (await Db.ReadAsync((c, _) => c.ExecuteScalarAsync<long>("SELECT value FROM counters WHERE name = 'registry_number'"), default))
            .Should().Be(RegistryNumber.FirstSequence - 1, "the registry number allocated in the failed transaction is not spent");
    }

    [SkippableFact]
    public async Task Associations_get_consecutive_valid_registry_numbers_and_their_domains()
    {
        SkipUnlessAvailable();
        var now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        var first = await Db.WriteAsync((c, tx, _) => AssociationWrites.InsertAsync(c, tx, Db.Dialect, [Sample(), Sample()], now), default);
        var second = await Db.WriteAsync((c, tx, _) => AssociationWrites.InsertAsync(c, tx, Db.Dialect, [Sample()], now), default);

        first.Concat(second).Select(a => a.Number.Sequence).Should().Equal(1_000_001, 1_000_002, 1_000_003);
        var row = await Db.ReadAsync((c, _) => c.QuerySingleAsync<(string Number, DateTime Founded, string Updated)>(
            "SELECT registry_number, founded_on, CAST(updated_at AS VARCHAR(40)) FROM associations WHERE id = @Id", new { first[0].Id }), default);
        row.Number.Should().Be("1000001-14");
        (await Count("association_domains")).Should().Be(6);
    }

    [SkippableFact]
    public async Task A_change_moves_the_version_and_date_and_the_timeline_grows()
    {
        SkipUnlessAvailable();
        var created = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var changed = created.AddDays(20);
        var (id, _) = (await Db.WriteAsync((c, tx, _) => AssociationWrites.InsertAsync(c, tx, Db.Dialect, [Sample()], created), default))[0];

        await Db.WriteAsync(async (c, tx, _) =>
        {
            await AssociationWrites.TouchAsync(c, tx, Db.Dialect, id, changed);
            await AssociationWrites.AppendHistoryAsync(c, tx, Db.Dialect, id, DateOnly.FromDateTime(changed.Date), HistoryEventType.DefinitiveReceipt, "RD-03.231-2026-000001", null, changed);
            return 0;
        }, default);

        var (version, updated) = await Db.ReadAsync((c, _) => c.QuerySingleAsync<(long, DateTimeOffset)>(
            "SELECT version, updated_at FROM associations WHERE id = @Id", new { Id = id }), default);
        version.Should().Be(2);
        updated.Should().Be(changed);
        var types = await Db.ReadAsync(async (c, _) => (await c.QueryAsync<string>(
            "SELECT type FROM association_history WHERE association_id = @Id ORDER BY occurred_on, id", new { Id = id })).AsList(), default);
        types.Should().Equal(HistoryEventType.DefinitiveReceipt);
    }

    [SkippableFact]
    public async Task The_demo_seeder_fills_an_empty_register_once()
    {
        SkipUnlessAvailable();
        var seeder = new DemoSeeder(Db, NullLogger<DemoSeeder>.Instance);

        (await seeder.SeedAsync(2400)).Should().Be(2400);
        (await seeder.SeedAsync(2400)).Should().Be(0);

        var regions = await Db.ReadAsync((c, _) => c.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT region_code) FROM associations"), default);
        regions.Should().Be(12);
    }

    [SkippableFact]
    public async Task A_unit_of_work_that_hits_a_transient_error_is_retried_whole()
    {
        SkipUnlessAvailable();
        var attempts = 0;

        await Db.WriteAsync(async (c, tx, _) =>
        {
            await AssociationWrites.InsertAsync(c, tx, Db.Dialect, [Sample()], DateTimeOffset.UtcNow);
            if (++attempts == 1) throw new Microsoft.Data.Sqlite.SqliteException("database is locked", 5);
            return 0;
        }, default);

        attempts.Should().Be(2);
        (await Count("associations")).Should().Be(1, "the first attempt was rolled back");
    }

    [SkippableFact]
    public async Task Every_public_change_appends_one_event_in_order_and_nothing_else_does()
    {
        SkipUnlessAvailable();
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var (id, number) = (await Db.WriteAsync((c, tx, _) => AssociationWrites.InsertAsync(c, tx, Db.Dialect, [Sample()], at), default))[0];

        await Db.WriteAsync(async (c, tx, _) =>
        {
            await c.ExecuteAsync("UPDATE associations SET status = 'registered', definitive_receipt_number = 'RD-1', definitive_receipt_date = '2026-12-01' WHERE id = @Id", new { Id = id }, tx);
            await AssociationWrites.TouchAsync(c, tx, Db.Dialect, id, at.AddDays(30));
            return 0;
        }, default);
        await Db.WriteAsync(async (c, tx, _) => { await AssociationWrites.TouchAsync(c, tx, Db.Dialect, id, at.AddDays(31)); return 0; }, default);
        var failed = () => Db.WriteAsync<int>(async (c, tx, _) =>
        {
            await c.ExecuteAsync("UPDATE associations SET name_fr = 'Rolled back' WHERE id = @Id", new { Id = id }, tx);
            await AssociationWrites.TouchAsync(c, tx, Db.Dialect, id, at.AddDays(32));
            throw new InvalidOperationException("after the event");
        }, default).AsTask();
        await failed.Should().ThrowAsync<InvalidOperationException>();
        await Db.WriteAsync(async (c, tx, _) =>
        {
            await c.ExecuteAsync("UPDATE associations SET name_fr = 'Renamed' WHERE id = @Id", new { Id = id }, tx);
            await AssociationWrites.TouchAsync(c, tx, Db.Dialect, id, at.AddDays(33));
            return 0;
        }, default);

        var events = await Db.ReadAsync(async (c, _) => (await c.QueryAsync<(long Position, string Type, string Number, string Changed)>(
            "SELECT position, type, registry_number, changed_fields FROM change_events ORDER BY position")).AsList(), default);
        events.Select(e => e.Position).Should().Equal(1, 2, 3);
        events.Select(e => e.Type).Should().Equal(ChangeType.Created, ChangeType.ReceiptIssued, ChangeType.Updated);
        events.Should().OnlyContain(e => e.Number == number.ToString());
        events[2].Changed.Should().Be("[\"name_fr\"]");
    }

    [SkippableFact]
    public async Task Concurrent_writers_get_gap_free_unique_positions()
    {
        SkipUnlessAvailable();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            Db.WriteAsync((c, tx, _) => AssociationWrites.InsertAsync(c, tx, Db.Dialect, [Sample()], DateTimeOffset.UtcNow), default).AsTask())));

        var positions = await Db.ReadAsync(async (c, _) => (await c.QueryAsync<long>("SELECT position FROM change_events ORDER BY position")).AsList(), default);
        positions.Should().Equal(Enumerable.Range(1, 20).Select(i => (long)i));
        var numbers = await Db.ReadAsync(async (c, _) => (await c.QueryAsync<string>("SELECT registry_number FROM associations")).AsList(), default);
        numbers.Should().HaveCount(20).And.OnlyHaveUniqueItems();
    }

    [SkippableFact]
    public async Task Search_folds_arabic_and_french_spellings_and_matches_prefixes_of_every_word()
    {
        SkipUnlessAvailable();
        var numbers = await InsertNamedAsync(
            ("جَمْعِيَّة مستشفى الأمل", "Association de l'Hôpital Al Amal"),
            ("جمعـــية أݣرام للتنمية", "Association Agram pour le développement"),
            ("جمعيه الشروق", "Association Chourouk des élèves"),
            ("النادي الرياضي النور", "Club sportif Annour"));

        (await SearchAsync("جمعية")).Should().Equal(numbers[0], numbers[1], numbers[2]);
        (await SearchAsync("مستشفي الامل")).Should().Equal(numbers[0]);
        (await SearchAsync("اڭرام")).Should().Equal(numbers[1]);
        (await SearchAsync("امل")).Should().Equal(numbers[0]);
        (await SearchAsync("HOPITAL")).Should().Equal(numbers[0]);
        (await SearchAsync("eleve")).Should().Equal(numbers[2]);
        (await SearchAsync("asso develop")).Should().Equal(numbers[1]);
        (await SearchAsync("club annour sportif")).Should().Equal(numbers[3]);
        (await SearchAsync("club amal")).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Search_ranks_an_exact_name_first_and_breaks_ties_by_age()
    {
        SkipUnlessAvailable();
        var numbers = await InsertNamedAsync(
            ("جمعية النور", "Association Annour pour la culture"),
            ("جمعية النور للتنمية", "Association Annour"),
            ("جمعية الخير", "Association de la lecture, Annour"),
            ("جمعية النور للبيئة", "Association Annour de l'environnement"));

        (await SearchAsync("association annour")).Should().Equal(numbers[1], numbers[0], numbers[2], numbers[3]);
        (await SearchAsync("جمعية النور")).First().Should().Be(numbers[0]);
    }

    [SkippableFact]
    public async Task Search_pages_return_every_match_once_in_every_sort()
    {
        SkipUnlessAvailable();
        var numbers = await InsertNamedAsync(Enumerable.Range(0, 23).Select(i => ($"جمعية رقم {i}", $"Association numéro {22 - i % 5} {i}")).ToArray());

        foreach (var sort in new[] { "relevance", "name", "-name", "foundedOn", "-updatedAt" })
        {
            var seen = new List<string>();
            string? cursor = null;
            do
            {
                var (rows, total, hasMore, next) = await SearchPageAsync($"q=numero&limit=4&sort={sort}" + (cursor is null ? "" : $"&cursor={cursor}"));
                total.Should().Be(23);
                seen.AddRange(rows);
                cursor = hasMore ? next : null;
            } while (cursor is not null);
            seen.Should().BeEquivalentTo(numbers, sort).And.OnlyHaveUniqueItems();
        }
    }

    [SkippableFact]
    public async Task Cached_ranked_matches_page_like_the_database()
    {
        SkipUnlessAvailable();
        await InsertNamedAsync(Enumerable.Range(0, 17).Select(i => ($"جمعية رقم {i}", $"Association numéro {i % 4} {(i % 3 == 0 ? "numérique" : "")}")).ToArray());
        var cache = new SearchResultCache(Microsoft.Extensions.Options.Options.Create(new DirectoryOptions()), TimeProvider.System);

        foreach (var sort in new[] { "relevance", "name", "-foundedOn", "updatedAt" })
        {
            var fromDatabase = await PagesAsync($"q=numero&sort={sort}&limit=3", null);
            var fromCache = await PagesAsync($"q=numero&sort={sort}&limit=3", cache);

            fromCache.Should().Equal(fromDatabase, sort);
            fromCache.Should().HaveCount(17);
        }
    }

    [SkippableFact]
    public async Task Searches_ranked_in_memory_page_like_the_database_and_follow_changes()
    {
        SkipUnlessAvailable();
        await InsertNamedAsync(Enumerable.Range(0, 17).Select(i => ($"جمعية رقم {i}", $"Association numéro {i % 4} {(i % 3 == 0 ? "numérique" : "")}")).ToArray());
        var renamed = (await InsertNamedAsync(("جمعية الأمل", "Association numéro")))[0];
        var options = Microsoft.Extensions.Options.Options.Create(new DirectoryOptions());
        var postings = new SearchPostings(options);
        // A result cache that keeps nothing: every page is ranked again, from the postings.
        var noCache = new SearchResultCache(Microsoft.Extensions.Options.Options.Create(new DirectoryOptions { SearchCacheSeconds = 0 }), TimeProvider.System);

        foreach (var q in new[] { "numero", "numero 2", "association numero", "جمعية", "رقم 1" })
        {
            var fromDatabase = await PagesAsync($"q={Uri.EscapeDataString(q)}&limit=3", null, expectedTotal: null);
            // Page by page from the matches (nothing kept), and from the whole ranking (kept for the next pages).
            var fromMemory = await PagesAsync($"q={Uri.EscapeDataString(q)}&limit=3", noCache, expectedTotal: fromDatabase.Count, postings);
            var fromRanking = await PagesAsync($"q={Uri.EscapeDataString(q)}&limit=3",
                new SearchResultCache(options, TimeProvider.System), expectedTotal: fromDatabase.Count, postings);

            fromMemory.Should().Equal(fromDatabase, q);
            fromRanking.Should().Equal(fromDatabase, q);
            fromMemory.Should().NotBeEmpty();
        }

        // With filters, the database filters the word matches found in memory: a third of them move to another region.
        await Db.WriteAsync((c, tx, _) => c.ExecuteAsync("UPDATE associations SET region_code = '06', province_code = '06.141' WHERE id % 3 = 0", transaction: tx), default);
        foreach (var q in new[] { "q=numero&region=06", "q=numero%202&region=03", "q=association%20numero&province=06.141&kind=association" })
        {
            var fromDatabase = await PagesAsync($"{q}&limit=2", null, expectedTotal: null);
            var fromMemory = await PagesAsync($"{q}&limit=2", noCache, expectedTotal: fromDatabase.Count, postings);

            fromMemory.Should().Equal(fromDatabase, q);
            fromMemory.Should().NotBeEmpty();
        }

        var id = await Db.ReadAsync((c, _) => c.ExecuteScalarAsync<long>("SELECT id FROM associations WHERE registry_number = @Number", new { Number = renamed }), default);
        await Db.WriteAsync(async (c, tx, _) =>
        {
            await c.ExecuteAsync("UPDATE associations SET name_fr = @Name WHERE id = @Id", new { Name = "Association Tifawin", Id = id }, tx);
            await AssociationWrites.TouchAsync(c, tx, Db.Dialect, id, DateTimeOffset.UtcNow);
            return 0;
        }, default);

        (await PagesAsync("q=numero&limit=3", noCache, expectedTotal: 17, postings)).Should().NotContain(renamed);
        (await PagesAsync("q=tifawin&limit=3", noCache, expectedTotal: 1, postings)).Should().Equal(renamed);
        (await PagesAsync("q=numero&limit=3", noCache, expectedTotal: 17, postings))
            .Should().Equal(await PagesAsync("q=numero&limit=3", null, expectedTotal: 17));
    }

    private async Task<List<string>> PagesAsync(string queryString, SearchResultCache? cache, long? expectedTotal = 17, SearchPostings? postings = null)
    {
        var codes = new ReferenceCodeSet(new HashSet<string> { "03", "06" }, new HashSet<string> { "03.231", "06.141" }, new HashSet<string> { "social" });
        var all = new List<string>();
        string? cursor = null;
        do
        {
            var errors = new Dictionary<string, string[]>();
            var query = DirectoryQueryParser.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString + (cursor is null ? "" : $"&cursor={cursor}")), codes, errors);
            errors.Should().BeEmpty();
            var (rows, total, exact, hasMore) = await Db.ReadAsync((c, _) => DirectorySearch.RunAsync(c, Db.Dialect, query, cache, postings), default);
            if (expectedTotal is { } expected) total.Should().Be(expected);
            exact.Should().BeTrue();
            all.AddRange(rows.Select(r => r.RegistryNumber));
            cursor = hasMore ? Uri.EscapeDataString(query.CursorAfter(DirectorySearch.KeyOf(rows[^1], query.Sort), rows[^1].Id)) : null;
        } while (cursor is not null);
        return all;
    }

    [SkippableFact]
    public async Task Touching_a_record_reindexes_it()
    {
        SkipUnlessAvailable();
        var number = (await InsertNamedAsync(("جمعية الأمل", "Association Al Amal")))[0];
        var id = await Db.ReadAsync((c, _) => c.ExecuteScalarAsync<long>("SELECT id FROM associations WHERE registry_number = @Number", new { Number = number }), default);

        await Db.WriteAsync(async (c, tx, _) =>
        {
            await c.ExecuteAsync("UPDATE associations SET name_fr = @Name, name_ar = NULL WHERE id = @Id", new { Name = "Association Tifawin", Id = id }, tx);
            await AssociationWrites.TouchAsync(c, tx, Db.Dialect, id, DateTimeOffset.UtcNow);
            return 0;
        }, default);

        (await SearchAsync("amal")).Should().BeEmpty();
        (await SearchAsync("الامل")).Should().BeEmpty();
        (await SearchAsync("tifawin")).Should().Equal(number);
        (await SearchPageAsync("sort=name")).Rows.Should().Equal(number);
    }

    private async Task<List<string>> InsertNamedAsync(params (string Ar, string Fr)[] names)
    {
        var created = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var inserted = await Db.WriteAsync((c, tx, _) => AssociationWrites.InsertAsync(c, tx, Db.Dialect,
            names.Select(n => new NewAssociation
            {
                Kind = AssociationKind.Association, Scope = AssociationScope.Local, Status = AssociationStatus.Deposited,
                NameAr = n.Ar, NameFr = n.Fr, Object = "Activités locales.", SeatAddress = "1, Rue Ibn Khaldoun", Commune = "Fès",
                ProvinceCode = "03.231", RegionCode = "03", FoundedOn = new DateOnly(2026, 11, 2),
            }).ToList(), created), default);
        return inserted.Select(i => i.Number.ToString()).ToList();
    }

    private async Task<List<string>> SearchAsync(string q) =>
        (await SearchPageAsync($"q={Uri.EscapeDataString(q)}&limit=100")).Rows;

    private async Task<(List<string> Rows, long Total, bool HasMore, string? Next)> SearchPageAsync(string queryString)
    {
        var codes = new ReferenceCodeSet(new HashSet<string> { "03" }, new HashSet<string> { "03.231" }, new HashSet<string> { "social" });
        var errors = new Dictionary<string, string[]>();
        var query = DirectoryQueryParser.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString), codes, errors);
        errors.Should().BeEmpty();
        var (rows, total, _, hasMore) = await Db.ReadAsync((c, _) => DirectorySearch.RunAsync(c, Db.Dialect, query), default);
        var next = hasMore ? Uri.EscapeDataString(query.CursorAfter(DirectorySearch.KeyOf(rows[^1], query.Sort), rows[^1].Id)) : null;
        return (rows.Select(r => r.RegistryNumber).ToList(), total, hasMore, next);
    }

    private Task<long> Count(string table) =>
        Db.ReadAsync((c, _) => c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"), default).AsTask();

    protected static NewAssociation Sample() => new()
    {
        Kind = AssociationKind.Association,
        Scope = AssociationScope.Local,
        Status = AssociationStatus.Deposited,
        NameFr = "Association Al Amal pour le développement de Fès",
        NameAr = "جمعية الأمل للتنمية فاس",
        Object = "Développement local.",
        SeatAddress = "12, Rue Ibn Khaldoun",
        Commune = "Fès",
        ProvinceCode = "03.231",
        RegionCode = "03",
        FoundedOn = new DateOnly(2026, 11, 2),
        Domains = ["local-development", "social"],
    };
}
