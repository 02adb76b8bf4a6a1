using System.Text.Json;
using Dapper;
using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Web;

namespace Registry.Api.Features.Changes;

public sealed class ChangesRequest
{
    /// <summary>Return events after this position (0 for the beginning, or a snapshot's feedPosition, or the previous page's next).</summary>
    public long? After { get; init; }

    /// <summary>How many events at most, 1 to 1000 (default 100).</summary>
    public int? Limit { get; init; }

    /// <summary>Long polling: when there is nothing new, wait up to this many seconds (0 to 30) for the next event.</summary>
    public int? Wait { get; init; }

    /// <summary>Only events of associations seated in this region (two-digit code).</summary>
    public string? Region { get; init; }

    /// <summary>Only events of associations seated in this prefecture or province (RR.PPP code).</summary>
    public string? Province { get; init; }

    /// <summary>Only events of this kind of organisation: association, union, federation or foreign_association.</summary>
    public string? Kind { get; init; }

    public sealed class Rules : Validator<ChangesRequest>
    {
        public Rules()
        {
            RuleFor(r => r.After).GreaterThanOrEqualTo(0);
            RuleFor(r => r.Limit).InclusiveBetween(1, 1000);
            RuleFor(r => r.Wait).InclusiveBetween(0, 30);
            RuleFor(r => r.Region).Matches("^(0[1-9]|1[0-2])$").When(r => r.Region is not null).WithMessage("region must be a region code from 01 to 12.");
            RuleFor(r => r.Province).Matches(@"^\d{2}\.\d{3}$").When(r => r.Province is not null).WithMessage("province must be an RR.PPP code such as 06.141.");
            RuleFor(r => r.Kind).Must(k => AssociationKind.All.Contains(k!)).When(r => r.Kind is not null)
                .WithMessage($"kind must be one of: {string.Join(", ", AssociationKind.All)}.");
        }
    }
}

public sealed class ChangeEvent
{
    /// <summary>Strictly increasing, gap-free position in the feed.</summary>
    public long Position { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>created, updated, status_changed, receipt_issued, public_utility_granted or dissolved.</summary>
    public required string Type { get; init; }
    public required string RegistryNumber { get; init; }
    /// <summary>The public fields this change touched (every field for <c>created</c>).</summary>
    public required IReadOnlyList<string> ChangedFields { get; init; }
    /// <summary>The public record after the change, with the columns of the open-data files.</summary>
    public required IReadOnlyDictionary<string, string?> Record { get; init; }
}

public sealed class ChangePage
{
    public required IReadOnlyList<ChangeEvent> Events { get; init; }
    /// <summary>The position to ask for next (<c>after=</c>); equal to <c>after</c> when nothing is new.</summary>
    public long Next { get; init; }
    /// <summary>True when more events are already waiting after <c>next</c>.</summary>
    public bool HasMore { get; init; }
}

public sealed class ChangeFeedOptions
{
    public const string Section = "ChangeFeed";

    /// <summary>Events older than this are pruned (the newest one is always kept); asking for older positions answers 410.</summary>
    public int RetentionDays { get; set; } = 30;
}

public sealed class ListChanges(Database db, TimeProvider clock) : Endpoint<ChangesRequest, Results<Ok<ChangePage>, ProblemHttpResult>>
{
    private sealed record Row(long Position, DateTimeOffset OccurredAt, string Type, string RegistryNumber, string ChangedFields, string Record);

    internal static readonly Sql SelectPage = new("""
        SELECT position, occurred_at AS OccurredAt, type, registry_number AS RegistryNumber, changed_fields AS ChangedFields, record
        FROM change_events
        WHERE position > @After
          AND (@Region IS NULL OR region_code = @Region)
          AND (@Province IS NULL OR province_code = @Province)
          AND (@Kind IS NULL OR kind = @Kind)
        ORDER BY position
        {limit @Take}
        """);

    internal static readonly Sql Bounds = new("SELECT (SELECT MIN(position) FROM change_events) AS Oldest, (SELECT value FROM counters WHERE name = 'change_feed') AS Head");

    public override void Configure()
    {
        Get("/v1/changes");
        ChangeFeedAccess.Require(this);
        Options(x => x.WithName("listChanges").WithTags("Change feed")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status410Gone).ProducesProblem(StatusCodes.Status429TooManyRequests));
        Summary(s =>
        {
            s.Summary = "Read the change feed";
            s.Description = "Every change to a public record, in order, with the record as it is after the change. Start from a snapshot's feedPosition, then ask again with after=next. With wait=, an empty answer waits for the next event. A position older than the retention window answers 410: reload a snapshot. Needs an API key with the changes:read scope, or a registrar's or admin's token; rate limited per key.";
        });
    }

    public override async Task<Results<Ok<ChangePage>, ProblemHttpResult>> ExecuteAsync(ChangesRequest request, CancellationToken ct)
    {
        var (after, limit, wait) = (request.After ?? 0, request.Limit ?? 100, request.Wait ?? 0);
        var deadline = clock.GetUtcNow().AddSeconds(wait);
        while (true)
        {
            var (oldest, head) = await db.ReadAsync((c, _) => c.QuerySingleAsync<(long? Oldest, long Head)>(db.Sql(Bounds)), ct);
            if (after > head)
                return Problems.BadRequest("after", $"Position {after} is beyond the end of the feed ({head}). Start from a snapshot's feedPosition or from 0.");
            if (oldest is { } first && after < first - 1)
                return Problems.Gone($"Events after position {after} are no longer kept (the feed now starts at {first}). Reload the latest snapshot from /v1/open-data and follow the feed from its feedPosition.");

            var rows = await db.ReadAsync(async (c, _) => (await c.QueryAsync<Row>(db.Sql(SelectPage),
                new { After = after, request.Region, request.Province, request.Kind, Take = limit + 1 })).AsList(), ct);
            if (rows.Count > 0 || clock.GetUtcNow() >= deadline)
            {
                var page = rows.Take(limit).Select(r => new ChangeEvent
                {
                    Position = r.Position, OccurredAt = r.OccurredAt, Type = r.Type, RegistryNumber = r.RegistryNumber,
                    ChangedFields = JsonSerializer.Deserialize<List<string>>(r.ChangedFields)!,
                    Record = JsonSerializer.Deserialize<Dictionary<string, string?>>(r.Record)!,
                }).ToList();
                // Filtered or not, nothing up to the head is left to read when the page is empty.
                var next = page.Count > 0 ? page[^1].Position : Math.Max(after, head);
                HttpContext.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(new ChangePage { Events = page, Next = next, HasMore = rows.Count > limit });
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, ct);
        }
    }
}
