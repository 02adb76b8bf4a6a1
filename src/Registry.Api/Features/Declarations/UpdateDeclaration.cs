using System.Globalization;
using Dapper;
using FastEndpoints;
using FluentValidation.Results;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Features.Audit;
using Registry.Api.Features.Identity;
using Registry.Api.Web;

namespace Registry.Api.Features.Declarations;

public sealed class UpdateDeclarationRequest
{
    public long Id { get; init; }

    /// <summary>The ETag last read: the edit applies only to that version.</summary>
    [FromHeader("If-Match", isRequired: false, removeFromSchema: true)]
    public string? IfMatch { get; init; }

    [FromBody]
    public DeclarationInput Declaration { get; init; } = new();
}

public sealed class UpdateDeclaration(Database db, TimeProvider clock) : Endpoint<UpdateDeclarationRequest, Declaration>
{
    public override void Configure()
    {
        Put("/v1/declarations/{id}");
        Roles(RegistryRoles.Representative, RegistryRoles.Machine);
        Options(x => x.WithName("updateDeclaration").WithTags("Declarations")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412).ProducesProblem(422).ProducesProblem(428));
        Summary(s =>
        {
            s.Summary = "Edit a draft declaration";
            s.Description = "Replaces the declared content of a draft (or of a declaration sent back for completion). Only its representative; needs If-Match. The kind cannot change.";
            s.Params["id"] = "The declaration's id.";
        });
    }

    public override async Task HandleAsync(UpdateDeclarationRequest req, CancellationToken ct)
    {
        var version = DeclarationStore.RequireVersion(req.IfMatch);
        var caller = Caller.From(User);
        var input = (req.Declaration ?? new()).Normalised();
        foreach (var (field, message) in DeclarationValidation.Validate(input)) ValidationFailures.Add(new ValidationFailure(field, message));
        ThrowIfAnyErrors();

        var saved = await db.WriteAsync(async (c, tx, _) =>
        {
            var now = clock.GetUtcNow();
            var row = await DeclarationStore.LoadForActionAsync(c, tx, db.Dialect, req.Id, caller, DeclarationAction.Edit, version);
            if (input.Kind != row.Kind)
                throw ApiProblem.Unprocessable($"This is a {row.Kind} declaration; its kind cannot change. Create a new declaration instead.");
            var (province, associationId) = await DeclarationChecks.TerritoryAsync(c, tx, db.Dialect, caller, input);
            if (row.Kind == DeclarationKind.Founding && row.AssociationId is not null && province != row.ProvinceCode)
                throw ApiProblem.Unprocessable("The association is already in the register at its deposited seat: declare a seat transfer once it is registered.");
            var updated = await c.ExecuteAsync(db.Sql(DeclarationStore.UpdateContent), new
            {
                req.Id, Content = DeclarationChecks.Serialise(input), ProvinceCode = province,
                AssociationId = associationId ?? row.AssociationId, Now = now, Version = version,
            }, tx);
            if (updated == 0) throw DeclarationStore.Stale(row);
            var after = (await DeclarationStore.FindAsync(c, tx, db.Dialect, req.Id))!;
            await AuditLog.AppendAsync(c, tx, db.Dialect, caller.Subject, "declaration.edit", "declaration", req.Id.ToString(CultureInfo.InvariantCulture),
                null, row.AuditState, after.AuditState, now);
            return after;
        }, ct);
        HttpContext.Response.Headers.ETag = saved.ETag;
        await Send.OkAsync(saved.ToResponse(), ct);
    }
}
