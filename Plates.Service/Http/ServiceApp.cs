using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Plates.Hosting;
using Plates.Service.Telemetry;
using Scalar.AspNetCore;

namespace Plates.Service.Http;

/// <summary>The HTTP service: its services, limits and endpoints, configured from <c>"Plates"</c> (the recogniser) and
/// <c>"Service"</c> (<see cref="ServiceOptions"/>).</summary>
public static class ServiceApp
{
    /// <summary>Multipart boundaries and part headers on top of the largest image: Kestrel's own body limit is this much looser.</summary>
    private const long MultipartOverheadBytes = 64 * 1024;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;
        services.AddOptions<ServiceOptions>().Bind(builder.Configuration.GetSection("Service"));
        services.AddPlateRecogniser(builder.Configuration.GetSection("Plates"));
        services.AddHealthChecks().AddPlateRecogniserCheck();
        services.AddSingleton<RecognitionGate>();
        services.AddSingleton<ServiceMetrics>();
        services.AddProblemDetails();

        // Limits read from the options when the server starts, so environment variables and test settings apply.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServiceOptions>>((kestrel, settings) =>
            kestrel.Limits.MaxRequestBodySize = settings.Value.MaxRequestBytes + MultipartOverheadBytes);
        services.AddOptions<HostOptions>().Configure<IOptions<ServiceOptions>>((host, settings) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(settings.Value.ShutdownTimeoutSeconds));
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<ServiceOptions>>((timeouts, settings) =>
            timeouts.AddPolicy(PlatesEndpoint.TimeoutPolicy, new RequestTimeoutPolicy
            {
                Timeout = TimeSpan.FromSeconds(settings.Value.RequestTimeoutSeconds),
                WriteTimeoutResponse = context => WriteTimeoutAsync(context, settings.Value),
            }));

        services.AddOpenApi(openApi => openApi.AddOperationTransformer<ImageRequestBodyTransformer>());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ServiceMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
            .AddPrometheusExporter());

        var app = builder.Build();
        app.UseRequestTimeouts();
        app.MapOpenApi();
        app.MapScalarApiReference();
        // Liveness: the process answers. Readiness: the models are loaded.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteHealthAsync });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapPlatesEndpoint();
        return app;
    }

    private static Task WriteTimeoutAsync(HttpContext context, ServiceOptions settings)
    {
        context.RequestServices.GetRequiredService<ServiceMetrics>().Record(RequestOutcome.TimedOut, TimeSpan.FromSeconds(settings.RequestTimeoutSeconds));
        return Results.Problem($"the request took longer than {settings.RequestTimeoutSeconds} s (waiting for a recognition and uploading included).",
            statusCode: StatusCodes.Status504GatewayTimeout, title: "Timed out").ExecuteAsync(context);
    }

    /// <summary>{"status": "Healthy", "checks": {"plate-recogniser": "models loaded in 900 ms"}}: the reason, not only the word.</summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
