using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Plates.Hosting;

/// <summary>Ready once the models are loaded; unhealthy while they load (saying so) and after a failure (giving the error).</summary>
public sealed class PlateRecogniserHealthCheck(PlateRecogniserLoader loader) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var loaded = loader.Loaded;
        var result = loaded.Status switch
        {
            TaskStatus.RanToCompletion => HealthCheckResult.Healthy($"models loaded in {loader.LoadTime?.TotalMilliseconds:F0} ms"),
            TaskStatus.Faulted => HealthCheckResult.Unhealthy($"cannot load the models: {loaded.Exception!.InnerException!.Message}"),
            TaskStatus.Canceled => HealthCheckResult.Unhealthy("model loading was cancelled (the application is stopping)"),
            _ => HealthCheckResult.Unhealthy("models are loading"),
        };
        return Task.FromResult(result);
    }
}
