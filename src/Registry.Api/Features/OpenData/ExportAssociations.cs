using System.Collections.Concurrent;
using System.Text;
using System.IO.Pipelines;
using System.Threading.Channels;
using Dapper;
using FastEndpoints;
using Registry.Api.Data;
using Registry.Api.Features.Directory;
using Microsoft.Extensions.Options;
using Registry.Api.Web;

namespace Registry.Api.Features.OpenData;

public sealed class ExportAssociationsRequest
{
    /// <summary><c>csv</c> (the default) or <c>ndjson</c>.</summary>
    public string? Format { get; init; }
    /// <summary>Words, as for the directory search.</summary>
    public string? Q { get; init; }
    public string? Region { get; init; }
    public string? Province { get; init; }
    public string? Domain { get; init; }
    public string? Kind { get; init; }
    public string? Status { get; init; }
    public bool? PublicUtility { get; init; }
    public DateOnly? FoundedFrom { get; init; }
    public DateOnly? FoundedTo { get; init; }
    public DateTimeOffset? UpdatedSince { get; init; }
}

/// <summary>
/// The directory's filters, exported whole as the open-data columns, streamed from the database as it is read: memory
/// stays flat whatever the size, the first bytes leave at once, and a client that goes away stops the query.
/// </summary>
public sealed class ExportAssociations(Database db, ReferenceCodes referenceCodes, IOptions<LimitsOptions> limits) : Endpoint<ExportAssociationsRequest>
{
    private static readonly ConcurrentDictionary<string, string> Statements = new();
    private static int _running;
    private const int Batch = 256;

    public override void Configure()
    {
        Get("/v1/associations/export");
        AllowAnonymous();
        Options(x => x.WithName("exportAssociations").WithTags("Open data")
            .Produces(StatusCodes.Status200OK, typeof(BinaryFile), "text/csv", "application/x-ndjson")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests));
        Summary(s =>
        {
            s.Summary = "Export the associations that match the directory's filters";
            s.Description = "CSV or NDJSON with the open-data columns, in registry-number order, streamed as it is read. Takes the filters of GET /v1/associations (q, region, province, domain, kind, status, publicUtility, foundedFrom, foundedTo, updatedSince).";
        });
    }

    public override async Task HandleAsync(ExportAssociationsRequest req, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var format = (req.Format ?? "csv").ToLowerInvariant() switch
        {
            "csv" => RegisterFormat.Csv,
            "ndjson" => RegisterFormat.Ndjson,
            _ => null,
        };
        if (format is null) errors["format"] = ["format must be csv or ndjson."];
        var filters = HttpContext.Request.Query.Where(kv => !kv.Key.Equals("format", StringComparison.OrdinalIgnoreCase)
            && !DirectoryOnlyParameters.Contains(kv.Key));
        var query = DirectoryQueryParser.Parse(filters, await referenceCodes.GetAsync(ct), errors);
        if (errors.Count > 0)
        {
            await Send.ResultAsync(Problems.Invalid(errors));
            return;
        }

        if (Interlocked.Increment(ref _running) > limits.Value.MaxConcurrentExports)
        {
            Interlocked.Decrement(ref _running);
            HttpContext.Response.Headers.RetryAfter = "10";
            await Send.ResultAsync(TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests",
                type: "https://tools.ietf.org/html/rfc6585#section-4",
                detail: $"{limits.Value.MaxConcurrentExports} exports are already running; try again in 10 s, or download the daily snapshot from /v1/open-data."));
            return;
        }
        try
        {
            await StreamAsync(query, format!, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private async Task StreamAsync(DirectoryQuery query, RegisterFormat format, CancellationToken ct)
    {
        var sql = Statements.GetOrAdd(Shape(query), _ => Build(query));
        var response = HttpContext.Response;
        response.ContentType = format.MediaType;
        response.Headers.ContentDisposition = $"attachment; filename=\"associations-{DateTime.UtcNow:yyyyMMdd}.{format.Extension}\"";
        response.Headers.CacheControl = "no-store";
        // Rows are read on one thread and formatted on another, both of their own and at a lower CPU priority (look-ups
        // come first when the machine is busy); they pass in batches through a small bounded queue (one by one cost more
        // than formatting them), and the formatted bytes through a pipe that this request copies to the client. Memory
        // stays bounded by the queue and the pipe; the first row leaves at once; a client that goes away stops both threads.
        var rows = Channel.CreateBounded<List<RegisterRow>>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var parameters = DirectorySql.Parameters(query, query.Terms);
        var reading = BulkThread.RunAsync(() => Read(sql, parameters, rows.Writer, stop.Token), "export reader");
        var formatting = BulkThread.RunAsync(() => Format(rows.Reader, format, pipe.Writer, stop.Token), "export writer");
        try
        {
            await pipe.Reader.CopyToAsync(response.Body, stop.Token);
            await Task.WhenAll(reading, formatting);
        }
        finally
        {
            await stop.CancelAsync();
            await pipe.Reader.CompleteAsync();
            await Task.WhenAll(reading, formatting).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    // Both run on a bulk thread and block on each step rather than awaiting it, so that the work stays on that thread
    // instead of moving to the thread pool (on SQLite, every step but a full queue or pipe completes at once anyway).

    private void Read(string sql, DynamicParameters parameters, ChannelWriter<List<RegisterRow>> output, CancellationToken ct)
    {
        try
        {
            using var connection = db.OpenAsync(ct, writes: false).GetAwaiter().GetResult();
            using var transaction = Database.BeginSnapshotReadAsync(connection, ct).GetAwaiter().GetResult();
            var rows = RegisterRow.Read(connection, transaction, db.Dialect.Render(sql), parameters, ct).GetAsyncEnumerator(ct);
            try
            {
                var batch = new List<RegisterRow>(1);
                while (Wait(rows.MoveNextAsync()))
                {
                    batch.Add(rows.Current);
                    if (batch.Count < batch.Capacity) continue;
                    Wait(output.WriteAsync(batch, ct));
                    batch = new List<RegisterRow>(Batch);
                }
                if (batch.Count > 0) Wait(output.WriteAsync(batch, ct));
            }
            finally
            {
                Wait(rows.DisposeAsync());
            }
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
            throw;
        }
    }

    private static void Format(ChannelReader<List<RegisterRow>> input, RegisterFormat format, PipeWriter output, CancellationToken ct)
    {
        try
        {
            var writer = format.Create(output.AsStream(leaveOpen: true));
            try
            {
                while (Wait(input.WaitToReadAsync(ct)))
                while (input.TryRead(out var batch))
                foreach (var row in batch)
                    Wait(writer.WriteAsync(row, ct));
                Wait(writer.CompleteAsync(ct));
            }
            finally
            {
                Wait(writer.DisposeAsync());
            }
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
            throw;
        }
    }

    private static void Wait(ValueTask step)
    {
        if (!step.IsCompletedSuccessfully) step.AsTask().GetAwaiter().GetResult();
    }

    private static bool Wait(ValueTask<bool> step) => step.IsCompletedSuccessfully ? step.Result : step.AsTask().GetAwaiter().GetResult();

    private static readonly HashSet<string> DirectoryOnlyParameters = new(["sort", "limit", "cursor"], StringComparer.OrdinalIgnoreCase);

    private static string Shape(DirectoryQuery q) => $"{q.Terms.Count},{DirectorySql.FiltersShape(q)}";

    /// <summary>The directory's conditions on <c>a</c> applied to the open-data statement itself, so rows stream in registry-number order.</summary>
    private static string Build(DirectoryQuery q)
    {
        var sql = new StringBuilder(RegisterRow.Select).Append('\n');
        DirectorySql.Where(sql, q with { After = null }, q.Terms.Count);
        return sql.Append("ORDER BY a.registry_number").ToString();
    }

    /// <summary>Every statement shape the export can run, for the SQL syntax tests.</summary>
    internal static IEnumerable<string> AllShapes()
    {
        foreach (var terms in new[] { 0, 1, 3 })
        foreach (var filtered in new[] { false, true })
            yield return Build(new DirectoryQuery
            {
                Terms = Enumerable.Range(0, terms).Select(i => $"t{i}").ToList(),
                Region = filtered ? "06" : null, Province = filtered ? "06.141" : null, Domain = filtered ? "sport" : null,
                Kind = filtered ? "association" : null, Status = filtered ? "registered" : null, PublicUtility = filtered ? true : null,
                FoundedFrom = filtered ? new DateOnly(2000, 1, 1) : null, FoundedTo = filtered ? new DateOnly(2020, 1, 1) : null,
                UpdatedSince = filtered ? DateTimeOffset.UnixEpoch : null,
            });
    }
}
