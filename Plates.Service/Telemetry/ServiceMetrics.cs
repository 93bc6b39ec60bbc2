using System.Diagnostics.Metrics;
using Plates.Service.Http;

namespace Plates.Service.Telemetry;

/// <summary>What a request to POST /v1/plates ended as: the <c>outcome</c> tag of <c>plates_service_requests_total</c>.</summary>
public enum RequestOutcome
{
    Ok,
    BadRequest,
    TooLarge,
    UnsupportedMediaType,
    UnreadableImage,
    Rejected,
    NotReady,
    TimedOut,

    /// <summary>The client went away before its answer (a load generator stopping, a closed browser tab).</summary>
    ClientClosed,
}

/// <summary>
/// The service's own instruments (meter <see cref="MeterName"/>), exported on /metrics by OpenTelemetry's Prometheus
/// exporter beside ASP.NET Core's request metrics and the runtime's: requests by outcome, recognition latency, plates
/// read, and the wait queue in front of the recogniser.
/// </summary>
public sealed class ServiceMetrics
{
    public const string MeterName = "Plates.Service";

    /// <summary>Bucket bounds in seconds: one recognition takes 10–100 ms here, a queued request up to about a second.</summary>
    private static readonly double[] s_latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _plates;

    public ServiceMetrics(IMeterFactory meterFactory, RecognitionGate gate)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("plates.service.requests", "{request}", "Requests to POST /v1/plates by outcome.");
        _duration = meter.CreateHistogram<double>("plates.service.request.duration", "s",
            "Time of a POST /v1/plates from its arrival to its answer, waiting included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_latencyBuckets });
        _plates = meter.CreateCounter<long>("plates.service.plates", "{plate}", "Plates read and answered.");
        meter.CreateObservableGauge("plates.service.queue.waiting", () => gate.Waiting, "{request}",
            "Requests waiting for a free recognition.");
        meter.CreateObservableGauge("plates.service.recognitions.running", () => gate.Running, "{request}",
            "Recognitions running now.");
    }

    /// <summary>Counts one request by its outcome and records how long it took.</summary>
    public void Record(RequestOutcome outcome, TimeSpan elapsed, int plates = 0)
    {
        var tag = new KeyValuePair<string, object?>("outcome", Name(outcome));
        _requests.Add(1, tag);
        _duration.Record(elapsed.TotalSeconds, tag);
        if (plates > 0) _plates.Add(plates);
    }

    private static string Name(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Ok => "ok",
        RequestOutcome.BadRequest => "bad_request",
        RequestOutcome.TooLarge => "too_large",
        RequestOutcome.UnsupportedMediaType => "unsupported_media_type",
        RequestOutcome.UnreadableImage => "unreadable_image",
        RequestOutcome.Rejected => "rejected",
        RequestOutcome.NotReady => "not_ready",
        RequestOutcome.TimedOut => "timed_out",
        RequestOutcome.ClientClosed => "client_closed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
