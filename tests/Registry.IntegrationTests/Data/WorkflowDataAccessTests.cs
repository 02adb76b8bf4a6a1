using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Audit;
using Registry.Api.Features.Declarations;
using Registry.Api.Web;

namespace Registry.IntegrationTests.Data;

/// <summary>The workflow's guarantees at the database, on every provider: two "processes" are two <see cref="Database"/> objects.</summary>
public abstract class WorkflowDataAccessTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private TDatabase TestDb { get; } = new();

    private Database Db { get; set; } = null!;

    public async Task InitializeAsync()
    {
        if (TestDb.SkipReason is not null) return;
        Db = TestDb.Open();
        await new Migrator(Db, NullLogger<Migrator>.Instance).MigrateAsync();
    }

    public async Task DisposeAsync() => await TestDb.DisposeAsync();

    private void SkipUnlessAvailable() => Skip.If(TestDb.SkipReason is not null, TestDb.SkipReason);

    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Receipt_numbers_drawn_by_two_processes_at_once_are_unique()
    {
        SkipUnlessAvailable();
        var processes = new[] { Db, TestDb.Open() };

        var numbers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => processes[i % 2].WriteAsync((c, tx, _) =>
            DeclarationStore.NextReceiptNumberAsync(c, tx, processes[i % 2].Dialect, ReceiptType.Provisional, "06.141", Now), default).AsTask()));

        numbers.Should().OnlyHaveUniqueItems().And.HaveCount(20);
        numbers.Select(n => ReceiptNumber.TryParse(n, out _, out _, out _, out var s) ? s : 0).Order().Should().Equal(Enumerable.Range(1, 20).Select(i => (long)i));
    }

    [SkippableFact]
    public async Task Of_two_transitions_from_the_same_version_exactly_one_is_applied()
    {
        SkipUnlessAvailable();
        var id = await Db.WriteAsync((c, tx, _) => c.ExecuteScalarAsync<long>(Db.Sql(DeclarationStore.Insert), new
        {
            Kind = DeclarationKind.Founding, Status = DeclarationStatus.Draft, ProvinceCode = "06.141", AssociationId = (long?)null,
            FiledBy = "rep-1", Content = "{}", Now,
        }, tx), default);
        var read = (await Db.ReadAsync((c, _) => DeclarationStore.FindAsync(c, null, Db.Dialect, id), default))!;
        var processes = new[] { Db, TestDb.Open() };

        var outcomes = await Task.WhenAll(processes.Select(async (db, i) =>
        {
            try
            {
                await db.WriteAsync((c, tx, _) => DeclarationStore.SaveTransitionAsync(c, tx, db.Dialect, read,
                    read with { Status = i == 0 ? DeclarationStatus.Deposited : DeclarationStatus.ReceiptWithheld, UpdatedAt = Now }), default);
                return 200;
            }
            catch (ApiProblem problem)
            {
                return problem.Status;
            }
        }));

        outcomes.Should().BeEquivalentTo([200, 412]);
        var after = (await Db.ReadAsync((c, _) => DeclarationStore.FindAsync(c, null, Db.Dialect, id), default))!;
        after.Version.Should().Be(read.Version + 1);
    }

    [SkippableFact]
    public async Task The_audit_log_cannot_be_changed_or_emptied()
    {
        SkipUnlessAvailable();
        await Db.WriteAsync(async (c, tx, _) =>
        {
            await AuditLog.AppendAsync(c, tx, Db.Dialect, "registrar-1", "association.correction", "association", "1000042-85", "typo", new { v = 1 }, new { v = 2 }, Now);
            return 0;
        }, default);

        var update = () => Db.WriteAsync((c, tx, _) => c.ExecuteAsync("UPDATE audit_log SET reason = 'rewritten'", transaction: tx), default).AsTask();
        var delete = () => Db.WriteAsync((c, tx, _) => c.ExecuteAsync("DELETE FROM audit_log", transaction: tx), default).AsTask();

        await update.Should().ThrowAsync<DbException>();
        await delete.Should().ThrowAsync<DbException>();
        (await Db.ReadAsync((c, _) => c.ExecuteScalarAsync<string>("SELECT reason FROM audit_log"), default)).Should().Be("typo");
    }
}

public sealed class SqliteWorkflowDataAccessTests : WorkflowDataAccessTests<SqliteTestDatabase>;

public sealed class SqlServerWorkflowDataAccessTests : WorkflowDataAccessTests<SqlServerTestDatabase>;
