using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Plates.Consume.Recognition;
using Plates.Hosting;
using Plates.Service.Http;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Service;

/// <summary>
/// The HTTP service in-process with settings of the test's own over appsettings.json. By default it reads with the
/// tests' shared recogniser (loaded once for the whole suite) instead of loading the models again; the loader still
/// runs and reports it ready through the service's own path.
/// </summary>
/// <remarks>Typed on <see cref="ServiceOptions"/>: any type of the service's assembly names its entry point, and
/// <c>Program</c> would be ambiguous here (the command line's is visible to the tests too).</remarks>
internal sealed class ServiceFactory(IReadOnlyDictionary<string, string?>? settings = null, bool sharedRecogniser = true)
    : WebApplicationFactory<ServiceOptions>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        if (sharedRecogniser)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<PlateRecogniser>();
                services.AddSingleton(SharedRecogniser.Instance);
            });
        }
    }

    /// <summary>A client once the models are loaded (or failed to load).</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = CreateClient();
        try
        {
            await Services.GetRequiredService<PlateRecogniserLoader>().Loaded.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
        }
        return client;
    }

    /// <summary>The service on a real Kestrel server on a free loopback port, and a client of its own (not one the factory
    /// disposes first when it stops): requests stream their bodies to it as they are sent.</summary>
    public async Task<HttpClient> StartKestrelAsync()
    {
        UseKestrel(0);
        StartServer();
        await ReadyClientAsync();
        string address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
    }

    public RecognitionGate Gate => Services.GetRequiredService<RecognitionGate>();
}

/// <summary>A request body that sends its first bytes, then waits for <see cref="Release"/> before sending the rest: a
/// slow upload, holding the request (and the permit it took) for as long as the test wants.</summary>
internal sealed class HeldBodyContent : HttpContent
{
    private readonly byte[] _bytes;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldBodyContent(byte[] bytes, string contentType = "image/jpeg")
    {
        _bytes = bytes;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
    }

    public void Release() => _release.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <summary>Cancelled with the request: a client that gives up stops sending.</summary>
    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_bytes.AsMemory(0, 16), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        await _release.Task.WaitAsync(cancellationToken);
        await stream.WriteAsync(_bytes.AsMemory(16), cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _bytes.Length;
        return true;
    }
}

/// <summary>Scene photos and their plate, named for it (京A88731.jpg).</summary>
internal static class ServiceData
{
    public static string Scene(string plate = "京A88731") => Path.Combine(TestData.RequireDataset("scenes"), plate + ".jpg");

    public static async Task<(T Value, TimeSpan Waited)> WaitUntilAsync<T>(Func<T> read, Func<T, bool> done, TimeSpan limit)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        T value = read();
        while (!done(value))
        {
            if (stopwatch.Elapsed > limit) Assert.Fail($"still {value} after {limit.TotalSeconds:0} s");
            await Task.Delay(10);
            value = read();
        }
        return (value, stopwatch.Elapsed);
    }
}
