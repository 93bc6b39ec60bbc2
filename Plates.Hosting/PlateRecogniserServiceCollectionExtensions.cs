using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Plates.Consume.Recognition;

namespace Plates.Hosting;

/// <summary>Registers one shared <see cref="PlateRecogniser"/> with dependency injection.</summary>
public static class PlateRecogniserServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="PlateRecogniser"/> (thread-safe: inject it anywhere), loaded when the host starts
    /// by <see cref="PlateRecogniserLoader"/> and disposed with the service provider. Calling it again only adds to the
    /// configuration.
    /// </summary>
    /// <example><code>
    /// builder.Services.AddPlateRecogniser(options => options.ModelsFolder = "/models");
    /// builder.Services.AddHealthChecks().AddPlateRecogniserCheck();
    /// </code></example>
    public static IServiceCollection AddPlateRecogniser(this IServiceCollection services, Action<PlateRecogniserServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PlateRecogniserServiceOptions>();
        if (configure is not null) options.Configure(configure);

        services.TryAddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<PlateRecogniserServiceOptions>>().Value;
            return new PlateRecogniser(settings.ModelsFolder, settings.Recogniser);
        });
        services.TryAddSingleton<PlateRecogniserLoader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, PlateRecogniserLoader>(
            provider => provider.GetRequiredService<PlateRecogniserLoader>()));
        return services;
    }

    /// <summary>As <see cref="AddPlateRecogniser(IServiceCollection, Action{PlateRecogniserServiceOptions}?)"/>, the settings bound from a configuration section (e.g. <c>"Plates"</c>).</summary>
    public static IServiceCollection AddPlateRecogniser(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddPlateRecogniser();
        services.AddOptions<PlateRecogniserServiceOptions>().Bind(section);
        return services;
    }

    /// <summary>Adds the readiness check of the shared recogniser: healthy once its models are loaded.</summary>
    public static IHealthChecksBuilder AddPlateRecogniserCheck(this IHealthChecksBuilder builder,
        string name = "plate-recogniser", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<PlateRecogniserHealthCheck>(name, HealthStatus.Unhealthy, tags ?? ["ready"]);
    }
}
