using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Api.Web;

namespace Registry.Api.Features.Declarations;

public static class WorkflowSetup
{
    /// <summary>The registration workflow: the registry's clock, idempotency records, refusals as problem details, the 60-day job.</summary>
    public static IServiceCollection AddRegistrationWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Idempotency>();
        services.AddExceptionHandler<ApiProblemHandler>();
        services.Configure<ReceiptClockOptions>(configuration.GetSection(ReceiptClockOptions.Section));
        services.AddSingleton<ReceiptClock>();
        services.AddHostedService(sp => sp.GetRequiredService<ReceiptClock>());
        services.AddHostedService<DemoDeclarations>();
        return services;
    }
}
