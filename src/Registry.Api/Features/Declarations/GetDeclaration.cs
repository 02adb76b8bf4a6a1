using FastEndpoints;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Identity;

namespace Registry.Api.Features.Declarations;

public sealed class DeclarationIdRequest
{
    public long Id { get; init; }
}

public sealed class GetDeclaration(Database db) : Endpoint<DeclarationIdRequest, Declaration>
{
    public override void Configure()
    {
        Get("/v1/declarations/{id}");
        Roles(RegistryRoles.Representative, RegistryRoles.Machine, RegistryRoles.Agent, RegistryRoles.Registrar);
        Options(x => x.WithName("getDeclaration").WithTags("Declarations").ProducesProblem(401).ProducesProblem(403).ProducesProblem(404));
        Summary(s =>
        {
            s.Summary = "Read a declaration";
            s.Description = "With its bureau members' personal data: only for the representative who filed it and, once it is deposited, the agents of its prefecture or province and the registrar. The ETag header (and the etag field) is what If-Match needs to change it.";
            s.Params["id"] = "The declaration's id.";
        });
    }

    public override async Task HandleAsync(DeclarationIdRequest req, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var row = await db.ReadAsync((c, _) => DeclarationStore.FindAsync(c, null, db.Dialect, req.Id), ct);
        if (row is null || !DeclarationStore.MayRead(caller, row)) throw DeclarationStore.NotFound(req.Id);
        HttpContext.Response.Headers.ETag = row.ETag;
        HttpContext.Response.Headers.CacheControl = "private, no-store";
        await Send.OkAsync(row.ToResponse(), ct);
    }
}
