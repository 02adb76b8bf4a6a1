namespace Registry.Api.Features.OpenData;

public static class OpenDataSetup
{
    public static IServiceCollection AddOpenData(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OpenDataOptions>(configuration.GetSection(OpenDataOptions.Section));
        services.AddSingleton<Snapshots>();
        if (configuration.GetSection(OpenDataOptions.Section).Get<OpenDataOptions>()?.Enabled ?? true)
            services.AddHostedService<SnapshotSchedule>();
        return services;
    }
}
