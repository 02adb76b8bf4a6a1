using FastEndpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Registry.Api.Web;

namespace Registry.Api.Features.OpenData;

public sealed class DownloadFileRequest
{
    /// <summary><c>latest</c>, or a snapshot id from the catalogue such as <c>20261203T160000Z</c>.</summary>
    public string Snapshot { get; init; } = "";

    /// <summary><c>associations.csv</c>, <c>associations.csv.gz</c>, <c>associations.ndjson</c>, <c>associations.ndjson.gz</c>, <c>associations.xlsx</c> or <c>associations.parquet</c>.</summary>
    public string FileName { get; init; } = "";
}

public sealed class DownloadFile(Snapshots snapshots) : Endpoint<DownloadFileRequest, Results<PhysicalFileHttpResult, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/v1/open-data/{snapshot}/{fileName}");
        AllowAnonymous();
        Options(x => x.WithName("downloadOpenDataFile").WithTags("Open data")
            .Produces(StatusCodes.Status200OK, typeof(BinaryFile), "text/csv", "application/x-ndjson", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.apache.parquet", "application/gzip")
            .Produces(StatusCodes.Status206PartialContent)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status416RangeNotSatisfiable));
        Summary(s =>
        {
            s.Summary = "Download a file of an open-data snapshot";
            s.Description = "Served as a file: Content-Length, a strong ETag (the SHA-256), Last-Modified, If-None-Match (304) and Range requests (206, 416).";
        });
    }

    public override async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> ExecuteAsync(DownloadFileRequest req, CancellationToken ct)
    {
        var all = await snapshots.ListAsync(ct);
        var snapshot = req.Snapshot == "latest" ? all.FirstOrDefault() : all.FirstOrDefault(s => s.Id == req.Snapshot);
        if (snapshot is null)
            return Problems.NotFound(req.Snapshot == "latest"
                ? "No snapshot has been taken yet."
                : $"There is no snapshot '{req.Snapshot}'. GET /v1/open-data lists the snapshots kept.");
        var file = snapshot.Files.FirstOrDefault(f => f.FileName == req.FileName);
        if (file is null)
            return Problems.NotFound($"Snapshot {snapshot.Id} has no file '{req.FileName}'. Files: {string.Join(", ", snapshot.Files.Select(f => f.FileName))}.");

        HttpContext.Response.Headers.CacheControl = req.Snapshot == "latest" ? "public, max-age=300" : "public, max-age=31536000, immutable";
        var fileName = $"registre-associations-{snapshot.Id}{file.FileName["associations".Length..]}";
        return TypedResults.PhysicalFile(snapshots.PathOf(file), file.MediaType, fileName,
            lastModified: snapshot.TakenAt, entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""), enableRangeProcessing: true);
    }
}
