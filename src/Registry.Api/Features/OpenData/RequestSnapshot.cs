using FastEndpoints;
using Registry.Api.Domain;

namespace Registry.Api.Features.OpenData;

public sealed class SnapshotRequested
{
    /// <summary><c>started</c>, or <c>already_running</c> when a snapshot was already being taken (this request joins it).</summary>
    public required string Status { get; init; }
    /// <summary>Where the snapshot appears when it is done.</summary>
    public required string Catalogue { get; init; }
}

public sealed class RequestSnapshot(Snapshots snapshots) : EndpointWithoutRequest<SnapshotRequested>
{
    public override void Configure()
    {
        Post("/v1/open-data/snapshots");
        Roles(RegistryRoles.Registrar);
        Options(x => x.WithName("requestOpenDataSnapshot").WithTags("Open data")
            .Produces<SnapshotRequested>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden));
        Summary(s =>
        {
            s.Summary = "Take an open-data snapshot now";
            s.Description = "Registrar only. The snapshot is taken in the background (202); it appears in GET /v1/open-data when done. A request while one is being taken joins it, so retries take no second snapshot.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var started = snapshots.Request();
        HttpContext.Response.Headers.Location = "/v1/open-data";
        await Send.ResponseAsync(new SnapshotRequested { Status = started ? "started" : "already_running", Catalogue = "/v1/open-data" }, StatusCodes.Status202Accepted, ct);
    }
}
