using FastEndpoints.Swagger;
using NSwag;

namespace Registry.Api.Web;

public static class OpenApi
{
    public const string DocumentPath = "/openapi/v1.json";

    public static void Configure(DocumentOptions o)
    {
        o.ShortSchemaNames = true;
        o.AutoTagPathSegmentIndex = 0;
        o.DocumentSettings = s =>
        {
            s.DocumentName = "v1";
            // Files are documented as binary, which the generated client returns as a stream (FileResponse).
            s.SchemaSettings.TypeMappers.Add(new NJsonSchema.Generation.TypeMappers.PrimitiveTypeMapper(typeof(BinaryFile), schema =>
            {
                schema.Type = NJsonSchema.JsonObjectType.String;
                schema.Format = "binary";
            }));
            s.Title = "Registry — national register of Morocco's civil-society organisations";
            s.Version = "v1";
            s.Description = "Public directory of associations, unions and federations, registration workflow under Dahir 1-58-376, and open-data exports. Errors are RFC 9457 problem details.";
            s.AddAuth("ApiKey", new OpenApiSecurityScheme
            {
                Type = OpenApiSecuritySchemeType.ApiKey,
                Name = "X-Api-Key",
                In = OpenApiSecurityApiKeyLocation.Header,
                Description = "API key of a machine client, created by an admin (POST /v1/api-keys); what it may do is in its scopes.",
            });
        };
    }

    private static readonly string[] HeaderNames = ["If-Match", "If-None-Match", "Idempotency-Key"];

    /// <summary>
    /// FastEndpoints camel-cases header parameter names and documents a body for a POST whose request has only route and
    /// header values; clients should see the headers as HTTP spells them, and no body where none is read.
    /// </summary>
    private static void CleanUpOperations(OpenApiDocument document)
    {
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Values))
        {
            foreach (var parameter in operation.Parameters.Where(p => p.Kind == OpenApiParameterKind.Header))
                parameter.Name = HeaderNames.FirstOrDefault(h => h.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase)) ?? parameter.Name;
            if (operation.RequestBody?.Content.Values.All(c => c.Schema?.ActualSchema is { } schema && schema.ActualProperties.Count == 0) == true)
                operation.RequestBody = null;
        }
    }

    public static void UseOpenApiDocument(this WebApplication app)
    {
        // Only on their own paths: otherwise every request, look-ups included, passes four documentation middlewares.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/openapi") || c.Request.Path.StartsWithSegments("/docs"), docs =>
        {
            docs.UseSwaggerGen(o =>
            {
                o.Path = "/openapi/{documentName}.json";
                // The document is committed and served from many hosts: it names none.
                o.PostProcess = (document, _) =>
                {
                    document.Servers.Clear();
                    CleanUpOperations(document);
                };
            });
            docs.UseSwaggerUI(o =>
            {
                o.RoutePrefix = "docs";
                o.DocumentTitle = "Registry API";
                o.SwaggerEndpoint(DocumentPath, "Registry API v1");
            });
        });
    }
}

/// <summary>Marks a file answer in the OpenAPI document.</summary>
public sealed class BinaryFile;
