using Microsoft.AspNetCore.Http.HttpResults;

namespace Registry.Api.Web;

/// <summary>RFC 9457 answers with a detail a person can act on.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    public static ProblemHttpResult Gone(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status410Gone, title: "Gone",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.11");

    /// <summary>A 400 naming the parameter, shaped like FastEndpoints' validation problems.</summary>
    public static ProblemHttpResult BadRequest(string parameter, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "One or more validation errors occurred.",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { name = parameter, reason = detail } } });
}
