using Microsoft.AspNetCore.Http.HttpResults;

namespace Registry.Api.Web;

/// <summary>RFC 9457 answers with a detail a person can act on.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");
}
