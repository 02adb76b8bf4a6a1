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
        };
    }

    public static void UseOpenApiDocument(this WebApplication app)
    {
        app.UseSwaggerGen(o =>
        {
            o.Path = "/openapi/{documentName}.json";
            // The document is committed and served from many hosts: it names none.
            o.PostProcess = (document, _) => document.Servers.Clear();
        });
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.DocumentTitle = "Registry API";
            o.SwaggerEndpoint(DocumentPath, "Registry API v1");
        });
    }
}

/// <summary>Marks a file answer in the OpenAPI document.</summary>
public sealed class BinaryFile;
