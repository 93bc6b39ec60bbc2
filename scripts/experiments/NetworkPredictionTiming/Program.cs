// Times one character through a PredictionEngine built from a saved and reloaded model whose features come from an
// ONNX-exported ConvNet sized like the planned alnum network (conv 3×3 1→16, pool, conv 3×3 16→32, pool,
// dense 800→128 ReLU, dense 128→34), against the hand-feature pipeline as it ships.
//
//   dotnet run -c Release --project scripts/experiments/NetworkPredictionTiming -- ../shared/datasets/chars/alnum [calls]
//
// The weights are random (speed does not depend on them); the L-BFGS head is trained on 20 real crops per class.
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Plates.Model.Data;
using Plates.Model.Network;
using Plates.Model.Pipelines;

if (args.Length < 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: NetworkPredictionTiming <chars/alnum folder> [calls]");
    return 2;
}
int calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;

var examples = Directory.GetDirectories(args[0]).OrderBy(d => d, StringComparer.Ordinal)
    .SelectMany(d => Directory.GetFiles(d).OrderBy(f => f, StringComparer.Ordinal).Take(20)
        .Select(f => new CharacterModelInput { Label = Path.GetFileName(d), ImageSource = File.ReadAllBytes(f) }))
    .ToList();
// Every call reads another crop, so nothing a transform caches per row can be reused.
var crops = examples.Where((_, i) => i % 7 == 3).Select(e => new CharacterModelInput { ImageSource = e.ImageSource }).ToArray();
var network = AlnumSized(new Random(1));
string folder = Path.Combine(Path.GetTempPath(), "network-timing-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    Console.WriteLine($"{examples.Count} training crops, {calls} timed calls after 200 warm-up calls, {Environment.ProcessorCount} cores");
    Time("hand features only (as shipped)", null, handFeatures: true);
    Time("network embedding alone", network, handFeatures: false);
    Time("network embedding + hand features", network, handFeatures: true);
    Console.WriteLine($"ONNX model: {OnnxExport.ToBytes(network).Length / 1024} KB");
}
finally
{
    Directory.Delete(folder, recursive: true);
}
return 0;

void Time(string name, ConvNet? net, bool handFeatures)
{
    string path = Path.Combine(folder, name.Replace(' ', '-') + ".zip");
    var trainingContext = new MLContext(seed: 1);
    var data = trainingContext.Data.LoadFromEnumerable(examples);
    var fitWatch = Stopwatch.StartNew();
    using (var model = (IDisposable)CharacterPipeline.BuildPipeline(trainingContext, network: net, handFeatures: handFeatures).Fit(data))
    {
        fitWatch.Stop();
        CharacterModel.Save(trainingContext, (ITransformer)model, data.Schema, path);
        // The trained model's ONNX session has one thread; a loaded one gets ONNX Runtime's default (ML.NET does
        // not save thread counts), so both are timed.
        if (net is not null)
            Measure(name + " [trained, 1 ORT thread]", trainingContext, (ITransformer)model, fitWatch.Elapsed, new FileInfo(path).Length);
    }

    var mlContext = new MLContext();
    var loaded = CharacterModel.Load(mlContext, path, out _);
    Measure(name + (net is null ? "" : " [loaded, default ORT threads]"), mlContext, loaded, fitWatch.Elapsed, new FileInfo(path).Length);
    (loaded as IDisposable)?.Dispose();
}

void Measure(string name, MLContext mlContext, ITransformer loaded, TimeSpan fit, long bytes)
{
    using var engine = CharacterModel.CreatePredictionEngine(mlContext, loaded);
    var output = new CharacterModelOutput();
    for (int i = 0; i < 200; i++) engine.Predict(crops[i % crops.Length], ref output);
    int right = 0;
    var times = new double[calls];
    for (int i = 0; i < calls; i++)
    {
        long start = Stopwatch.GetTimestamp();
        engine.Predict(crops[i % crops.Length], ref output);
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (output.PredictedLabel == examples[(i % crops.Length) * 7 + 3].Label) right++;
    }
    Array.Sort(times);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: median {times[calls / 2]:F4} ms, p10 {times[calls / 10]:F4}, p90 {times[calls * 9 / 10]:F4}, fit {fit.TotalSeconds:F1} s, model {bytes / 1024} KB, {right * 100.0 / calls:F1}% of the timed calls right (training crops)"));
}

static ConvNet AlnumSized(Random random) => new(20,
[
    Convolution(random, 1, 16),
    new MaxPoolLayer(),
    Convolution(random, 16, 32),
    new MaxPoolLayer(),
    Dense(random, 32 * 5 * 5, 128, relu: true),
    Dense(random, 128, 34, relu: false),
]);

static ConvolutionLayer Convolution(Random random, int inChannels, int outChannels) =>
    new(inChannels, outChannels, 3, Uniform(random, outChannels * inChannels * 9, MathF.Sqrt(6f / (inChannels * 9))), Uniform(random, outChannels, 0.1f));

static DenseLayer Dense(Random random, int inputs, int outputs, bool relu) =>
    new(inputs, outputs, Uniform(random, outputs * inputs, MathF.Sqrt(6f / inputs)), Uniform(random, outputs, 0.1f), relu);

static float[] Uniform(Random random, int count, float limit) =>
    Enumerable.Range(0, count).Select(_ => (2 * random.NextSingle() - 1) * limit).ToArray();
