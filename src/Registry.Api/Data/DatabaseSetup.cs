using Microsoft.Extensions.Options;

namespace Registry.Api.Data;

public static class DatabaseSetup
{
    public static IServiceCollection AddRegistryDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        DapperTypeHandlers.Register();
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton(sp => new Database(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath));
        services.AddSingleton<Migrator>();
        return services;
    }
}
