using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Plates.Consume.Recognition;

namespace Plates.Hosting;

/// <summary>
/// Loads the shared <see cref="PlateRecogniser"/> when the host starts, on a background thread, so the application
/// answers (not ready) while the models load; <see cref="Loaded"/> completes with the recogniser or with the error.
/// The recogniser itself belongs to the service provider, which disposes it after the host has stopped.
/// </summary>
public sealed class PlateRecogniserLoader : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly PlateRecogniserServiceOptions _options;
    private readonly ILogger<PlateRecogniserLoader> _logger;
    private readonly TaskCompletionSource<PlateRecogniser> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PlateRecogniserLoader(IServiceProvider services, IHostApplicationLifetime lifetime,
        IOptions<PlateRecogniserServiceOptions> options, ILogger<PlateRecogniserLoader> logger)
    {
        _services = services;
        _lifetime = lifetime;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Completes with the recogniser once its models are loaded, or faults with the loading error.</summary>
    public Task<PlateRecogniser> Loaded => _loaded.Task;

    /// <summary>How long loading took; null until it has finished.</summary>
    public TimeSpan? LoadTime { get; private set; }

    /// <summary>The recogniser when it is loaded; false while loading or after a failure.</summary>
    public bool TryGetRecogniser(out PlateRecogniser recogniser)
    {
        recogniser = Loaded.IsCompletedSuccessfully ? Loaded.Result : null!;
        return Loaded.IsCompletedSuccessfully;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            // The models folder is read and three models deserialised: CPU and disk work, off the host's start-up thread.
            var recogniser = await Task.Run(() => _services.GetRequiredService<PlateRecogniser>(), stoppingToken);
            LoadTime = stopwatch.Elapsed;
            _logger.LogInformation("Plate models loaded from {Folder} in {Milliseconds:F0} ms.",
                _options.ModelsFolder ?? PlateRecogniser.DefaultModelsFolder, LoadTime.Value.TotalMilliseconds);
            _loaded.TrySetResult(recogniser);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _loaded.TrySetCanceled(stoppingToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException
                                      or IOException or UnauthorizedAccessException)
        {
            LoadTime = stopwatch.Elapsed;
            _logger.LogCritical("Cannot load the plate models: {Message}", e.Message);
            // Stop first: whoever awaits Loaded then finds the application already asked to stop.
            if (_options.StopApplicationWhenLoadingFails) _lifetime.StopApplication();
            _loaded.TrySetException(e);
        }
    }
}
