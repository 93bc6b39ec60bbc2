using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Plates.Consume.Recognition;
using Plates.Hosting;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Hosting;

[TestClass]
public sealed class PlateRecogniserServiceCollectionExtensionsTests
{
    [TestMethod]
    public async Task HostLoadsOneSharedRecogniserAtStartReportsItReadyAndDisposesItAtTheEnd()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPlateRecogniser(options => options.Recogniser = new RecogniserOptions { MaxCandidates = 4 });
        builder.Services.AddHealthChecks().AddPlateRecogniserCheck();
        byte[] scene = File.ReadAllBytes(Path.Combine(TestData.RequireDataset("scenes"), "京A88731.jpg"));
        PlateRecogniser recogniser;
        using (var host = builder.Build())
        {
            var loader = host.Services.GetRequiredService<PlateRecogniserLoader>();
            Assert.IsFalse(loader.TryGetRecogniser(out _), "ready before the host started");

            await host.StartAsync();
            recogniser = await loader.Loaded.WaitAsync(TimeSpan.FromSeconds(60));
            var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

            Assert.AreSame(recogniser, host.Services.GetRequiredService<PlateRecogniser>());
            Assert.AreEqual(4, recogniser.Options.MaxCandidates);
            Assert.AreEqual(HealthStatus.Healthy, health.Status);
            Assert.AreEqual("京A88731", recogniser.Recognise(scene).Plates.Single().Text);
            await host.StopAsync();
        }
        Assert.ThrowsExactly<ObjectDisposedException>(() => recogniser.Recognise(scene));
    }

    [TestMethod]
    public void SettingsBindFromAConfigurationSectionRecogniserOptionsIncluded()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plates:ModelsFolder"] = "/models",
            ["Plates:StopApplicationWhenLoadingFails"] = "false",
            ["Plates:Recogniser:MaxPixels"] = "1000",
            ["Plates:Recogniser:LowConfidenceBelow"] = "0.7",
        }).Build();
        var services = new ServiceCollection().AddPlateRecogniser(configuration.GetSection("Plates")).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<PlateRecogniserServiceOptions>>().Value;

        Assert.AreEqual("/models", options.ModelsFolder);
        Assert.IsFalse(options.StopApplicationWhenLoadingFails);
        Assert.AreEqual(1000, options.Recogniser.MaxPixels);
        Assert.AreEqual(0.7, options.Recogniser.LowConfidenceBelow);
        Assert.AreEqual(new RecogniserOptions().RejectBelow, options.Recogniser.RejectBelow, "an unset option keeps its default");
    }

    [TestMethod]
    public async Task MissingModelsFailTheLoaderStopTheApplicationAndTurnTheCheckUnhealthyNamingTheFolder()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-models-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPlateRecogniser(options => options.ModelsFolder = missing);
        builder.Services.AddHealthChecks().AddPlateRecogniserCheck();
        using var host = builder.Build();
        var loader = host.Services.GetRequiredService<PlateRecogniserLoader>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        await host.StartAsync();
        await Assert.ThrowsExactlyAsync<DirectoryNotFoundException>(() => loader.Loaded.WaitAsync(TimeSpan.FromSeconds(60)));
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.IsTrue(lifetime.ApplicationStopping.IsCancellationRequested, "the application was not asked to stop");
        Assert.AreEqual(HealthStatus.Unhealthy, health.Status);
        StringAssert.Contains(health.Entries["plate-recogniser"].Description, missing);
        await host.StopAsync();
    }
}
