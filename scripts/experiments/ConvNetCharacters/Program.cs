// Trains the character network (Plates.Train/Training/Convolutional) on the training run's split (seed 1, 30% test)
// and prints its own held-out accuracy, before any ML.NET trainer sits on top of it.
//
//   dotnet run -c Release --project scripts/experiments/ConvNetCharacters -- ../shared/datasets/chars alnum [key=value ...]
//
// Keys: epochs, batch, lr, decay, c1, c2, hidden, seed, jitter (0/1), nets (average of that many seeds),
// stack=emb|full (L-BFGS on the embedding, or on it beside the v1 features), l2 (for stack), nn=<file names>
// (nearest training image of those test files, and how often the nearest training image shares the label).
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Plates.Model.Features;
using Plates.Model.Labels;
using Plates.Network;
using Plates.Train.Data;
using Plates.Train.Training.Convolutional;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: <chars root> <province|city|alnum> [epochs=15 batch=64 lr=0.002 decay=0.0005 c1=16 c2=32 hidden=128 seed=1 jitter=1]");
    return 2;
}
var settings = args.Skip(2).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
float Get(string key, float fallback) => settings.TryGetValue(key, out var v) ? float.Parse(v, CultureInfo.InvariantCulture) : fallback;

var labels = LabelSets.FromName(args[1]);
var dataset = CharacterFolderReader.Read(Path.Combine(args[0], args[1]), labels);
var (train, test) = StratifiedSplit.Split(dataset.Images, 0.3, 1);
var classes = labels.Labels.ToList();
// The same pixels the saved model feeds the network.
float[] Pixels(LabelledImage image)
{
    var pixels = new float[NetworkPixelsColumn.Length];
    NetworkPixelsFeaturizer.Scale(CharacterFeatures.DecodeToGrey(image.Bytes), pixels);
    return pixels;
}
var trainX = train.Select(Pixels).ToArray();
var trainY = train.Select(i => classes.IndexOf(i.Label)).ToArray();
var testX = test.Select(Pixels).ToArray();
var testY = test.Select(i => classes.IndexOf(i.Label)).ToArray();

if (settings.ContainsKey("nn"))
{
    // Nearest training image (pixel distance) of every test image, and how often its label is the test image's.
    int agree = 0; var distances = new List<(double d, bool same, string path, string nnPath, string nnLabel)>();
    for (int i = 0; i < testX.Length; i++)
    {
        double best = double.MaxValue; int bestJ = -1;
        for (int j = 0; j < trainX.Length; j++)
        {
            double d = 0; var a = testX[i]; var b = trainX[j];
            for (int k = 0; k < a.Length; k++) { double e = a[k] - b[k]; d += e * e; if (d >= best) break; }
            if (d < best) { best = d; bestJ = j; }
        }
        bool same = trainY[bestJ] == testY[i]; if (same) agree++;
        distances.Add((Math.Sqrt(best), same, Path.GetRelativePath(args[0], test[i].Path), Path.GetRelativePath(args[0], train[bestJ].Path), classes[trainY[bestJ]]));
    }
    Console.WriteLine($"1-NN agrees {agree}/{testX.Length}");
    foreach (double t in new[] { 0.5, 1, 2, 3 })
        Console.WriteLine($"  distance < {t}: {distances.Count(x => x.d < t)} test images, of which label agrees {distances.Count(x => x.d < t && x.same)}");
    foreach (var name in settings["nn"].Split(','))
        foreach (var x in distances.Where(x => x.path.EndsWith(name))) Console.WriteLine($"  {x.path} nn {x.nnPath} ({x.nnLabel}) d={x.d:F2}");
    return 0;
}
var options = new ConvNetTrainingOptions
{
    Epochs = (int)Get("epochs", 15),
    BatchSize = (int)Get("batch", 64),
    LearningRate = Get("lr", 0.002f),
    WeightDecay = Get("decay", 0.0005f),
    Seed = (int)Get("seed", 1),
    Jitter = Get("jitter", 1) > 0,
};
int nets = (int)Get("nets", 1);
var networks = new List<ConvNet>();
var clock = Stopwatch.StartNew();
Console.WriteLine($"{labels.Name}: {trainX.Length} train, {testX.Length} test; {options}");
for (int n = 0; n < nets; n++)
{
    var netOptions = options with { Seed = options.Seed + n };
    var initial = ConvNetArchitecture.Create(CharacterFeatures.Side, classes.Count, netOptions.Seed, (int)Get("c1", 16), (int)Get("c2", 32), (int)Get("hidden", 128));
    networks.Add(ConvNetTrainer.Train(initial, trainX, trainY, netOptions,
        (epoch, epochs, loss) => { if (epoch == epochs) Console.WriteLine($"net {n} loss {loss:F4} {clock.Elapsed.TotalSeconds:F0}s"); }));
}
Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F1}s");

static float[] Softmax(float[] logits)
{
    float max = logits.Max();
    var e = logits.Select(v => MathF.Exp(v - max)).ToArray();
    float sum = e.Sum();
    return e.Select(v => v / sum).ToArray();
}
int[] single = new int[nets];
int correct = 0;
for (int i = 0; i < testX.Length; i++)
{
    var mean = new float[classes.Count];
    for (int n = 0; n < nets; n++)
    {
        var p = Softmax(networks[n].Logits(testX[i]));
        if (Array.IndexOf(p, p.Max()) == testY[i]) single[n]++;
        for (int k = 0; k < p.Length; k++) mean[k] += p[k] / nets;
    }
    int predicted = Array.IndexOf(mean, mean.Max());
    if (predicted == testY[i]) correct++;
    else Console.WriteLine($"  miss {Path.GetRelativePath(Path.Combine(args[0], args[1]), test[i].Path)} {classes[testY[i]]} -> {classes[predicted]} {mean[predicted]:F2}");
}
if (settings.TryGetValue("stack", out var stackMode))
    Stacking.Run(networks[0], labels, train, trainX, test, testX, testY, classes, stackMode, Get("l2", 10f));
Console.WriteLine($"single nets: {string.Join(" ", single.Select(c => $"{100.0 * c / testX.Length:F2}%"))}");
Console.WriteLine($"test accuracy {correct}/{testX.Length} = {100.0 * correct / testX.Length:F2}%");
return 0;

// L-BFGS maximum entropy (the shipped trainer) on the network's embedding, alone ("emb") or beside the v1 Full
// features ("full"), trained on the un-jittered training images plus the training run's altered copies.
static class Stacking
{
    public static void Run(ConvNet network, LabelSet labels, IReadOnlyList<LabelledImage> train, float[][] trainX,
        IReadOnlyList<LabelledImage> test, float[][] testX, int[] testY, List<string> classes, string mode, float l2)
    {
        var ml = new Microsoft.ML.MLContext(seed: 1);
        var options = new Plates.Train.Training.TrainingOptions().For(labels);
        var augmented = Plates.Train.Training.CharacterAugmenter.Augment(train, options.MinimumPerClass ?? 0, options.CopiesPerImage, options.Seed);
        Row ToRow(LabelledImage image)
        {
            var grey = CharacterFeatures.DecodeToGrey(image.Bytes);
            var pixels = grey.Select(b => b / 255f).ToArray();
            var embedding = network.Embedding(pixels);
            var features = mode == "full" ? embedding.Concat(CharacterFeatures.Compute(grey)).ToArray() : embedding;
            return new Row { Label = image.Label, Features = features };
        }
        var trainRows = augmented.Select(ToRow).ToArray();
        var testRows = test.Select(ToRow).ToArray();
        int length = trainRows[0].Features.Length;
        var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, length);
        var trainView = ml.Data.LoadFromEnumerable(trainRows, schema);
        var testView = ml.Data.LoadFromEnumerable(testRows, schema);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new Microsoft.ML.Trainers.LbfgsMaximumEntropyMulticlassTrainer.Options { L2Regularization = l2, NumberOfThreads = 1 }));
        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(trainView);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(testView));
        Console.WriteLine($"stack {mode} l2={l2}: micro {100 * metrics.MicroAccuracy:F2}% macro {100 * metrics.MacroAccuracy:F2}% ({Math.Round((1 - metrics.MicroAccuracy) * testX.Length)} errors) fit {clock.Elapsed.TotalSeconds:F0}s");
    }

    public sealed class Row
    {
        public string Label { get; set; } = "";
        public float[] Features { get; set; } = [];
    }
}
