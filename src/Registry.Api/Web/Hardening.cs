using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Registry.Api.Web;

public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body accepted (declarations are JSON; no files are uploaded): over it, 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;

    /// <summary>Largest total size of request headers: over it, 431.</summary>
    public int MaxRequestHeadersBytes { get; set; } = 32_768;

    /// <summary>A client sending its body slower than this (after a grace period) is disconnected.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>Streamed exports running at once on this instance; one more is a 429 with Retry-After.</summary>
    public int MaxConcurrentExports { get; set; } = 4;
}

/// <summary>
/// What every answer carries and what every request may weigh: no server banner, nosniff, HSTS over HTTPS, request
/// size and rate limits in Kestrel, and CORS open to anonymous GETs of public data only.
/// </summary>
public static class Hardening
{
    public const string PublicCors = "public-data";

    public static WebApplicationBuilder AddHardening(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new();
        builder.Services.Configure<LimitsOptions>(builder.Configuration.GetSection(LimitsOptions.Section));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersBytes;
            k.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(5));
        });
        builder.Services.AddExceptionHandler<OversizeRequestHandler>();
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // Anonymous reads of public data may be made from any web page; nothing else is offered cross-origin.
        builder.Services.AddCors(o => o.AddPolicy(PublicCors, p => p.AllowAnyOrigin().WithMethods("GET", "HEAD")
            .WithHeaders("If-None-Match", "Range").WithExposedHeaders("ETag", "Last-Modified", "Content-Disposition", "Retry-After")));
        return builder;
    }

    public static WebApplication UseHardening(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use((context, next) =>
        {
            // A GET that names a JSON content type but sends no body is a read like any other (some clients always send
            // the header); without this, endpoints with query DTOs would try to read an empty JSON body.
            if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && context.Request.ContentLength is null or 0 && !context.Request.Headers.TransferEncoding.Any())
                context.Request.ContentType = null;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            // Swagger UI loads its scripts from /docs and injects styles; nothing from elsewhere.
            if (context.Request.Path.StartsWithSegments("/docs"))
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
                    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            return next(context);
        });
        app.UseWhen(IsPublicRead, branch => branch.UseCors(PublicCors));
        return app;
    }

    private static readonly string[] Protected = ["/v1/declarations", "/v1/api-keys", "/v1/changes", "/v1/dev"];

    /// <summary>A read (or its preflight) of public data: not a workflow, key, feed or token route.</summary>
    private static bool IsPublicRead(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        && !Protected.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Kestrel's refusals met while a body is read (too large: 413; too slow: 408) keep their status as a problem.</summary>
public sealed class OversizeRequestHandler(IProblemDetailsService problems) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not Microsoft.AspNetCore.Http.BadHttpRequestException bad) return false;
        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Content Too Large" : "Bad Request",
                Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is larger than this API accepts (Limits:MaxRequestBodyBytes)."
                    : "The request could not be read.",
            },
        });
    }
}
