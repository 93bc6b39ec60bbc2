using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Plates.Hosting;
using Plates.Model.Data;

namespace Plates.Service.Queue;

/// <summary>The queue's commands: <c>worker</c> (consume jobs), <c>enqueue</c> (submit photos), <c>collect</c> (gather results).</summary>
public static class QueueCommands
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { "worker", "enqueue", "collect" };

    public static RootCommand Create()
    {
        var amqp = new Option<string?>("--amqp") { Description = "The broker, e.g. amqp://guest:guest@127.0.0.1:5672 (default: Queue:Uri of appsettings.json / Queue__Uri).", Recursive = true };
        var root = new RootCommand("Queue workers of the recognition service on RabbitMQ.") { amqp };
        root.Subcommands.Add(Worker(amqp));
        root.Subcommands.Add(Enqueue(amqp));
        root.Subcommands.Add(Collect(amqp));
        return root;
    }

    private static Command Worker(Option<string?> amqp)
    {
        var concurrency = new Option<int?>("--concurrency") { Description = "Jobs read at once (default Queue:Concurrency, 0 = one per core)." };
        var prefetch = new Option<int?>("--prefetch") { Description = "Unacknowledged deliveries held (default twice the concurrency)." };
        var command = new Command("worker", "Consumes the jobs queue with one shared recogniser until stopped (SIGTERM/Ctrl+C: the jobs being read finish first).") { concurrency, prefetch };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
            var options = Options(builder.Configuration, parse.GetValue(amqp));
            if (parse.GetValue(concurrency) is { } c) options.Concurrency = c;
            if (parse.GetValue(prefetch) is { } p) options.Prefetch = checked((ushort)p);
            builder.Services.AddPlateRecogniser(builder.Configuration.GetSection("Plates"));
            builder.Services.AddSingleton(new QueueOptionsSource(options));
            builder.Services.AddHostedService<WorkerService>();
            using var host = builder.Build();
            var loader = host.Services.GetRequiredService<PlateRecogniserLoader>();
            await host.RunAsync(cancellationToken);
            return loader.Loaded.IsFaulted ? 1 : 0;
        });
        return command;
    }

    private static Command Enqueue(Option<string?> amqp)
    {
        var inputs = new Argument<string[]>("photos") { Description = "Photos, or folders of photos, to submit.", Arity = ArgumentArity.OneOrMore };
        var by = new Option<JobSource>("--by") { Description = "Image: the bytes travel in the message (any worker can read them). Path: the full path does (workers need the same files).", DefaultValueFactory = _ => JobSource.Image };
        var count = new Option<int?>("--count") { Description = "Jobs to submit, taking the photos in turn (default: each photo once)." };
        var runId = new Option<string?>("--run-id") { Description = "Prefix of the job ids, {run-id}-{index:D6} (default: the time now)." };
        var command = new Command("enqueue", "Submits photos as jobs, each confirmed by the broker; prints the run id and the rate.") { inputs, by, count, runId };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var files = new List<string>();
            foreach (string input in parse.GetValue(inputs) ?? [])
            {
                if (Directory.Exists(input)) files.AddRange(ImageFileTypes.InFolder(input));
                else if (File.Exists(input)) files.Add(input);
                else
                {
                    Console.Error.WriteLine($"error: {input}: no such file or folder.");
                    return 2;
                }
            }
            if (files.Count == 0)
            {
                Console.Error.WriteLine("error: no image files to submit.");
                return 2;
            }
            string run = parse.GetValue(runId) ?? DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            int jobs = parse.GetValue(count) ?? files.Count;
            using var loggers = ConsoleLoggers();
            var stopwatch = Stopwatch.StartNew();
            var ids = await Enqueuer.EnqueueAsync(Options(Configuration(), parse.GetValue(amqp)), files, parse.GetValue(by), jobs, run,
                loggers.CreateLogger("enqueue"), cancellationToken);
            Console.WriteLine($"enqueued {ids.Count} job(s) of {files.Count} photo(s), run {run}, in {stopwatch.Elapsed.TotalSeconds:F1} s ({ids.Count / stopwatch.Elapsed.TotalSeconds:F0} jobs/s)");
            return 0;
        });
        return command;
    }

    private static Command Collect(Option<string?> amqp)
    {
        var output = new Option<FileInfo>("--out") { Description = "JSON lines file of the results, one per job id, sorted by it.", Required = true };
        var dead = new Option<FileInfo?>("--dead") { Description = "Also drain the dead-letter queue into this JSON lines file ({jobId, file, error, attempts})." };
        var expect = new Option<int?>("--expect") { Description = "Stop once this many distinct jobs have a result (or a dead letter, with --dead); exit 1 when fewer came." };
        var idle = new Option<double>("--idle") { Description = "Stop after this many seconds without a message.", DefaultValueFactory = _ => 30 };
        var command = new Command("collect", "Waits for results, keeps one per job id, writes them, then acknowledges them.") { output, dead, expect, idle };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var loggers = ConsoleLoggers();
            int? expected = parse.GetValue(expect);
            var stopwatch = Stopwatch.StartNew();
            var summary = await Collector.CollectAsync(Options(Configuration(), parse.GetValue(amqp)), parse.GetValue(output)!.FullName,
                parse.GetValue(dead)?.FullName, expected, TimeSpan.FromSeconds(parse.GetValue(idle)), loggers.CreateLogger("collect"), cancellationToken);
            int total = summary.Results + summary.DeadLettered;
            Console.WriteLine($"collected {summary.Results} result(s), {summary.DeadLettered} dead-lettered, {summary.Duplicates} duplicate(s) dropped, in {stopwatch.Elapsed.TotalSeconds:F1} s"
                + (expected is { } e ? $"; {Math.Max(0, e - total)} of {e} expected missing" : ""));
            return expected is { } n && total < n ? 1 : 0;
        });
        return command;
    }

    private static IConfiguration Configuration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    private static QueueOptions Options(IConfiguration configuration, string? uri)
    {
        var options = configuration.GetSection("Queue").Get<QueueOptions>() ?? new QueueOptions();
        if (uri is not null) options.Uri = uri;
        return options;
    }

    private static ILoggerFactory ConsoleLoggers() => LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
}
