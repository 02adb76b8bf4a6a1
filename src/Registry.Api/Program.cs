using System.Text.Encodings.Web;
using FastEndpoints;
using FastEndpoints.Swagger;
using Registry.Api.Data;
using Registry.Api.Features.Changes;
using Registry.Api.Features.Declarations;
using Registry.Api.Features.DemoData;
using Registry.Api.Features.Directory;
using Registry.Api.Features.Health;
using Registry.Api.Features.Identity;
using Registry.Api.Features.OpenData;
using Registry.Api.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddHardening();

// Data: SQLite by default, SQL Server by configuration; migrations run before the first request.
builder.Services.AddRegistryDatabase(builder.Configuration);
builder.Services.Configure<DemoDataOptions>(builder.Configuration.GetSection(DemoDataOptions.Section));
builder.Services.AddSingleton<DemoSeeder>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOpenData(builder.Configuration);
builder.Services.AddChangeFeed(builder.Configuration);

// Public directory: search index services, stats cache, rate limiting per client IP (or API key).
builder.Services.AddDirectory(builder.Configuration);

// API, OpenAPI document, errors as RFC 9457 problem details, health.
builder.Services.AddFastEndpoints().SwaggerDocument(OpenApi.Configure);
builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

// Identity (JWT bearer, API keys) and the registration workflow (idempotency, the 60-day clock).
builder.Services.AddRegistryIdentity(builder.Configuration, builder.Environment);
builder.Services.AddRegistrationWorkflow(builder.Configuration);

var app = builder.Build();

app.UseHardening();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRegistryIdentity();
app.UseFastEndpoints(c =>
{
    Problems.UseForValidation(c.Errors);
    c.Serializer.Options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
});
app.UseOpenApiDocument();
app.MapHealth();
app.MapOpenDataPage();

await app.Services.GetRequiredService<Migrator>().MigrateAsync();
var demo = app.Configuration.GetSection(DemoDataOptions.Section).Get<DemoDataOptions>() ?? new();
if (app.Environment.IsDevelopment() && demo.Enabled)
    await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(demo.Count);

app.Run();

public partial class Program;
