using Dapper;
using FastEndpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Registry.Api.Data;
using Registry.Api.Domain;
using Registry.Api.Web;

namespace Registry.Api.Features.Directory;

public sealed class RegistryNumberRequest
{
    /// <summary>Registry number, e.g. 1000042-85 (the hyphen may be left out).</summary>
    public string RegistryNumber { get; init; } = "";
}

public sealed class GetAssociation(Database db) : Endpoint<RegistryNumberRequest, Results<Ok<PublicAssociation>, StatusCodeHttpResult, ProblemHttpResult>>
{
    internal static readonly Sql Select = new($"""
        SELECT {DirectorySql.Columns}
        FROM associations a
        LEFT JOIN associations p ON p.id = a.parent_id
        WHERE a.registry_number = @Number
        """);

    public override void Configure()
    {
        Get("/v1/associations/{registryNumber}");
        AllowAnonymous();
        Options(x => x.WithName("getAssociation").WithTags("Directory")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests));
        Summary(s =>
        {
            s.Summary = "Get the public record of an association";
            s.Description = "With a strong ETag (the record's version) and Last-Modified; If-None-Match or If-Modified-Since answer 304 " +
                            "when the record has not changed. A number whose check digits do not match is a 404 that says so.";
            s.Params["registryNumber"] = "Registry number, e.g. 1000042-85 (the hyphen may be left out).";
        });
    }

    public override async Task<Results<Ok<PublicAssociation>, StatusCodeHttpResult, ProblemHttpResult>> ExecuteAsync(RegistryNumberRequest req, CancellationToken ct)
    {
        if (RegistryLookup.Check(req.RegistryNumber) is { } problem) return problem;
        RegistryNumber.Check(req.RegistryNumber, out var number);
        var record = await db.ReadAsync(async (c, _) =>
        {
            var found = await c.QuerySingleOrDefaultAsync<PublicAssociation>(db.Sql(Select), new { Number = number!.Value.ToString() });
            if (found is not null) await PublicAssociation.LoadDomainsAsync(c, db.Dialect, [found]);
            return found;
        }, ct);
        if (record is null) return RegistryLookup.NotRegistered(number!.Value);

        var headers = HttpContext.Response.GetTypedHeaders();
        var etag = new EntityTagHeaderValue($"\"{record.Version}\"");
        var lastModified = record.UpdatedAt.ToUniversalTime();
        headers.ETag = etag;
        headers.LastModified = lastModified;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromSeconds(60) };
        return RegistryLookup.NotModified(HttpContext.Request, etag, lastModified)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(record);
    }
}

/// <summary>How the directory answers a registry number in a URL.</summary>
public static class RegistryLookup
{
    /// <summary>A problem when the text is no valid registry number; null when it is one.</summary>
    public static ProblemHttpResult? Check(string text) => RegistryNumber.Check(text, out _) switch
    {
        RegistryNumberCheck.Valid => null,
        RegistryNumberCheck.WrongCheckDigits => Problems.NotFound(
            $"'{Shorten(text)}' is not a registry number: its check digits do not match its first seven digits, so a digit was probably mistyped. " +
            "Registry numbers are seven digits, a hyphen and two ISO 7064 MOD 97-10 check digits, e.g. 1000001-14."),
        _ => Problems.NotFound(
            $"'{Shorten(text)}' is not a registry number. Registry numbers are seven digits, a hyphen and two check digits, e.g. 1000001-14."),
    };

    public static ProblemHttpResult NotRegistered(RegistryNumber number) =>
        Problems.NotFound($"No association has the registry number {number}.");

    /// <summary>RFC 9110 §13.1.2 and §13.1.3: If-None-Match (weak comparison) wins over If-Modified-Since.</summary>
    public static bool NotModified(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var headers = request.GetTypedHeaders();
        if (request.Headers.IfNoneMatch.Count > 0)
            return headers.IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
        return headers.IfModifiedSince is { } since && lastModified.AddTicks(-(lastModified.Ticks % TimeSpan.TicksPerSecond)) <= since;
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";
}
