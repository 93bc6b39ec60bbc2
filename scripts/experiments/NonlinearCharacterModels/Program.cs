// Measures nonlinear ML.NET models against the shipped L-BFGS trainer on exactly the training run's data: the same
// stratified split (seed 1), top-up, altered copies, class weights, v1 featurizer (`--features Full`) and normalisation.
// Features are computed once per model and cached in the temporary folder, then each experiment trains on them. The
// first experiment, `base`, reproduces `train --features Full` (province 96.81% / 96.16%; the shipped province and city
// models use the v2 features).
//
//   dotnet run -c Release --project scripts/experiments/NonlinearCharacterModels -- ../shared/datasets/chars province base km:200:rbf,4,1 ...
//
// Experiments (each an argument):
//   base[:l2]                        L-BFGS maximum entropy, L2 10 (the shipped trainer)
//   km:K:rbf,G,S[:rbf,G,S...]        k-means (K clusters, seeded) on the normalised features; its squared distances d to the
//                                    centroids become exp(-G (d - min d) / mean d) per row, are standardised, multiplied by S,
//                                    appended to the features and L-BFGS trains on the result (one line per rbf spec)
//   kmonly:K:G                       L-BFGS on those K similarities alone
//   avg:VIEW[:G]                     log-probability average of L-BFGS on the full features and L-BFGS on another view
//                                    (ph: pixels+HOG+projections, the first 764 values; or a k-means size K with gamma G)
//   knn:K1[:K2...]                   distance-weighted k nearest neighbours (Euclidean, normalised features)
//   ldsvm:DEPTH:ITERATIONS           one-versus-all over Local Deep SVM
//   fasttree:TREES:LEAVES            one-versus-all over FastTree binary
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;
using Plates.Model.Features;
using Plates.Model.IO;
using Plates.Model.Labels;
using Plates.Train.Data;
using Plates.Train.Training;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: <chars root> <province|city|alnum> <experiment>...");
    return 2;
}
string model = args[1];
var labels = LabelSets.FromName(model);
var data = FeatureCache.Load(Path.Combine(args[0], model), labels);
var ml = new MLContext(seed: 1);
var runner = new Runner(ml, data, model);
foreach (string experiment in args.Skip(2)) runner.Run(experiment);
return 0;

sealed record FeatureData(float[][] TrainX, string[] TrainY, float[] TrainW, float[][] TestX, string[] TestY);

static class FeatureCache
{
    public static FeatureData Load(string folder, LabelSet labels)
    {
        var options = new TrainingOptions().For(labels);
        // The key holds everything that decides the features, so a changed featurizer or option never reuses old ones;
        // edited image folders are not detected: delete the cache files after changing the data.
        string key = $"{Path.GetFullPath(folder)}|{CharacterFeaturizer.ContractName}|{options}";
        string cache = Path.Combine(Path.GetTempPath(), $"nonlinear-{labels.Name}-{StableName(key)}.bin");
        if (File.Exists(cache)) return Read(cache);
        var dataset = CharacterFolderReader.Read(folder, labels);
        var (train, test) = StratifiedSplit.Split(dataset.Images, options.TestFraction, options.Seed);
        var augmented = CharacterAugmenter.Augment(train, options.MinimumPerClass ?? 0, options.CopiesPerImage, options.Seed);
        var ml = new MLContext(seed: options.Seed);
        var trainInput = ml.Data.LoadFromEnumerable(CharacterModelTrainer.ToModelInputs(augmented, options.WeightClasses));
        var testInput = ml.Data.LoadFromEnumerable(CharacterModelTrainer.ToModelInputs(test));
        var featurize = ml.Transforms.CustomMapping<CharacterImageColumn, CharacterFeaturesColumn>(CharacterFeaturizer.Map, CharacterFeaturizer.ContractName)
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Fit(trainInput);
        var trainOut = featurize.Transform(trainInput);
        var testOut = featurize.Transform(testInput);
        var result = new FeatureData(
            trainOut.GetColumn<float[]>("Features").ToArray(), trainOut.GetColumn<string>("Label").ToArray(), trainOut.GetColumn<float>("Weight").ToArray(),
            testOut.GetColumn<float[]>("Features").ToArray(), testOut.GetColumn<string>("Label").ToArray());
        Write(cache, result);
        return result;
    }

    private static string StableName(string text)
    {
        unchecked
        {
            uint hash = 2166136261;
            foreach (char c in text) hash = (hash ^ c) * 16777619;
            return hash.ToString("x8");
        }
    }

    // Atomic: an interrupted run must not leave a truncated cache that the next run would read as the features.
    private static void Write(string path, FeatureData d) => AtomicFile.Write(path, stream =>
    {
        using var w = new BinaryWriter(stream);
        void Rows(float[][] x, string[] y)
        {
            w.Write(x.Length); w.Write(x[0].Length);
            for (int i = 0; i < x.Length; i++) { w.Write(y[i]); foreach (float v in x[i]) w.Write(v); }
        }
        Rows(d.TrainX, d.TrainY);
        foreach (float v in d.TrainW) w.Write(v);
        Rows(d.TestX, d.TestY);
    });

    private static FeatureData Read(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        (float[][], string[]) Rows()
        {
            int n = r.ReadInt32(), dims = r.ReadInt32();
            var x = new float[n][]; var y = new string[n];
            for (int i = 0; i < n; i++) { y[i] = r.ReadString(); x[i] = new float[dims]; for (int j = 0; j < dims; j++) x[i][j] = r.ReadSingle(); }
            return (x, y);
        }
        var (trainX, trainY) = Rows();
        var trainW = new float[trainX.Length];
        for (int i = 0; i < trainW.Length; i++) trainW[i] = r.ReadSingle();
        var (testX, testY) = Rows();
        return new FeatureData(trainX, trainY, trainW, testX, testY);
    }
}

sealed class Row
{
    public string Label { get; set; } = "";
    public float[] Features { get; set; } = [];
    public float Weight { get; set; } = 1f;
}

sealed class Runner(MLContext ml, FeatureData d, string model)
{
    public void Run(string experiment)
    {
        var p = experiment.Split(':');
        switch (p[0])
        {
            case "base":
                Report(experiment, Fit(d.TrainX, d.TestX, Lbfgs(p.Length > 1 ? float.Parse(p[1]) : 10f)));
                break;
            case "km":
            {
                var (a, b, seconds) = KMeansDistances(int.Parse(p[1]));
                foreach (string spec in p.Skip(2))
                {
                    var q = spec.Split(',');
                    float gamma = float.Parse(q[1]), scale = float.Parse(q[2]);
                    var (sa, sb) = (Similarities(a, gamma), Similarities(b, gamma));
                    Standardise(sa, sb);
                    Report($"km:{p[1]}:{spec}", Fit(Concat(d.TrainX, sa, scale), Concat(d.TestX, sb, scale), Lbfgs(10f)), seconds);
                }
                break;
            }
            case "kmonly":
            {
                var (a, b, seconds) = KMeansDistances(int.Parse(p[1]));
                float gamma = float.Parse(p[2]);
                var (sa, sb) = (Similarities(a, gamma), Similarities(b, gamma));
                Standardise(sa, sb);
                Report(experiment, Fit(sa, sb, Lbfgs(10f)), seconds);
                break;
            }
            case "avg": Average(experiment, p); break;
            case "knn": Knn(p.Skip(1).Select(int.Parse).ToArray()); break;
            case "ldsvm":
                Report(experiment, Fit(d.TrainX, d.TestX, ml.MulticlassClassification.Trainers.OneVersusAll(
                    ml.BinaryClassification.Trainers.LdSvm(new LdSvmTrainer.Options
                    {
                        FeatureColumnName = "Features", ExampleWeightColumnName = "Weight",
                        TreeDepth = int.Parse(p[1]), NumberOfIterations = int.Parse(p[2]),
                    }), useProbabilities: true)));
                break;
            case "fasttree":
                Report(experiment, Fit(d.TrainX, d.TestX, ml.MulticlassClassification.Trainers.OneVersusAll(
                    ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                    {
                        FeatureColumnName = "Features", ExampleWeightColumnName = "Weight",
                        NumberOfTrees = int.Parse(p[1]), NumberOfLeaves = int.Parse(p[2]), NumberOfThreads = 1,
                    }))));
                break;
            default: throw new ArgumentException($"unknown experiment {experiment}");
        }
    }

    private IDataView View(float[][] x, string[] y, float[]? w)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, x[0].Length);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, x.Length).Select(i => new Row { Label = y[i], Features = x[i], Weight = w?[i] ?? 1f }), schema);
    }

    private ITransformer Train(float[][] x, IEstimator<ITransformer> trainer) =>
        ml.Transforms.Conversion.MapValueToKey("Label", "Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .AppendCacheCheckpoint(ml).Append(trainer).Fit(View(x, d.TrainY, d.TrainW));

    private (double Micro, double Macro, double Seconds) Fit(float[][] trainX, float[][] testX, IEstimator<ITransformer> trainer)
    {
        var watch = Stopwatch.StartNew();
        var fitted = Train(trainX, trainer);
        double seconds = watch.Elapsed.TotalSeconds;
        var metrics = ml.MulticlassClassification.Evaluate(fitted.Transform(View(testX, d.TestY, null)));
        return (metrics.MicroAccuracy, metrics.MacroAccuracy, seconds);
    }

    private IEstimator<ITransformer> Lbfgs(float l2) => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
        new LbfgsMaximumEntropyMulticlassTrainer.Options { ExampleWeightColumnName = "Weight", L2Regularization = l2, NumberOfThreads = 1 });

    private void Report(string name, (double Micro, double Macro, double Seconds) r, double extraSeconds = 0) =>
        Console.WriteLine($"{model}\t{name}\tmicro {r.Micro:P2}\tmacro {r.Macro:P2}\tfit {r.Seconds + extraSeconds:F1} s");

    /// <summary>Squared distances of every train and test row to the centroids of a k-means (seed 1) on the training rows.</summary>
    private (float[][] Train, float[][] Test, double Seconds) KMeansDistances(int k)
    {
        var watch = Stopwatch.StartNew();
        // A context of its own, so the clustering depends on k only and not on what ran before in this process
        // (every component ML.NET creates draws from its context's random numbers).
        var kmContext = new MLContext(seed: 1);
        var trainView = View(d.TrainX, d.TrainY, d.TrainW);
        var kmeans = kmContext.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            NumberOfClusters = k, NumberOfThreads = 1, FeatureColumnName = "Features", MaximumNumberOfIterations = 30,
        }).Fit(trainView);
        double seconds = watch.Elapsed.TotalSeconds;
        float[][] Distances(float[][] x, string[] y) => kmeans.Transform(View(x, y, null)).GetColumn<float[]>("Score").ToArray();
        var train = Distances(d.TrainX, d.TrainY);
        Console.WriteLine($"{model}\tk-means k={k}: fit {seconds:F1} s, mean squared distance {train.Average(r => r.Average()):F0}, mean nearest {train.Average(r => r.Min()):F0}");
        return (train, Distances(d.TestX, d.TestY), seconds);
    }

    /// <summary>Stateless per row: exp(-gamma (d - min d) / mean d).</summary>
    private static float[][] Similarities(float[][] distances, float gamma) => distances.Select(row =>
    {
        float min = row.Min();
        double mean = row.Average();
        return row.Select(v => (float)Math.Exp(-gamma * (v - min) / mean)).ToArray();
    }).ToArray();

    private static void Standardise(float[][] train, float[][] test)
    {
        for (int j = 0; j < train[0].Length; j++)
        {
            double mean = train.Average(r => r[j]);
            double sd = Math.Sqrt(train.Average(r => (r[j] - mean) * (r[j] - mean))) + 1e-6;
            foreach (var r in train) r[j] = (float)((r[j] - mean) / sd);
            foreach (var r in test) r[j] = (float)((r[j] - mean) / sd);
        }
    }

    private static float[][] Concat(float[][] a, float[][] b, float scale) =>
        a.Select((r, i) => r.Concat(b[i].Select(v => v * scale)).ToArray()).ToArray();

    private void Average(string experiment, string[] p)
    {
        var watch = Stopwatch.StartNew();
        float[][] viewTrain, viewTest;
        if (p[1] == "ph")
        {
            viewTrain = d.TrainX.Select(r => r[..764]).ToArray();
            viewTest = d.TestX.Select(r => r[..764]).ToArray();
        }
        else
        {
            var (a, b, _) = KMeansDistances(int.Parse(p[1]));
            float gamma = float.Parse(p[2]);
            (viewTrain, viewTest) = (Similarities(a, gamma), Similarities(b, gamma));
            Standardise(viewTrain, viewTest);
        }
        float[][] Probabilities(float[][] trainX, float[][] testX) =>
            Train(trainX, Lbfgs(10f)).Transform(View(testX, d.TestY, null)).GetColumn<float[]>("Score").ToArray();
        var full = Probabilities(d.TrainX, d.TestX);
        var other = Probabilities(viewTrain, viewTest);
        // MapValueToKey ByValue orders string labels ordinally: score slot c is the c-th label in ordinal order.
        var classes = d.TrainY.Distinct().OrderBy(x => x, StringComparer.Ordinal).ToArray();
        foreach (double weight in new[] { 0.2, 0.35, 0.5, 1.0 })
        {
            var perClass = new Dictionary<string, (int Hits, int Count)>();
            int hits = 0;
            for (int t = 0; t < d.TestX.Length; t++)
            {
                int best = 0;
                double bestValue = double.NegativeInfinity;
                for (int c = 0; c < classes.Length; c++)
                {
                    double v = (1 - weight) * Math.Log(full[t][c] + 1e-9) + weight * Math.Log(other[t][c] + 1e-9);
                    if (v > bestValue) (bestValue, best) = (v, c);
                }
                bool hit = classes[best] == d.TestY[t];
                if (hit) hits++;
                var e = perClass.GetValueOrDefault(d.TestY[t]);
                perClass[d.TestY[t]] = (e.Hits + (hit ? 1 : 0), e.Count + 1);
            }
            Report($"{experiment} weight {weight}", (hits / (double)d.TestX.Length, perClass.Values.Average(v => v.Hits / (double)v.Count), watch.Elapsed.TotalSeconds));
        }
    }

    private void Knn(int[] ks)
    {
        var watch = Stopwatch.StartNew();
        var hits = new int[ks.Length];
        for (int t = 0; t < d.TestX.Length; t++)
        {
            var v = d.TestX[t];
            var distances = new (float D, int I)[d.TrainX.Length];
            for (int i = 0; i < d.TrainX.Length; i++)
            {
                var u = d.TrainX[i];
                float s = 0;
                for (int j = 0; j < v.Length; j++) { float e = u[j] - v[j]; s += e * e; }
                distances[i] = (s, i);
            }
            Array.Sort(distances, (x, y) => x.D.CompareTo(y.D));
            for (int a = 0; a < ks.Length; a++)
            {
                string vote = distances.Take(ks[a]).GroupBy(x => d.TrainY[x.I]).OrderByDescending(g => g.Sum(x => 1.0 / (1e-3 + x.D))).First().Key;
                if (vote == d.TestY[t]) hits[a]++;
            }
        }
        for (int a = 0; a < ks.Length; a++)
            Console.WriteLine($"{model}\tknn:{ks[a]}\tmicro {hits[a] / (double)d.TestX.Length:P2}\t\t{watch.Elapsed.TotalSeconds:F1} s");
    }
}
