using Plates.Network;
using Plates.Tests.Training;
using Plates.Train.Training.Convolutional;

namespace Plates.Tests.Training;

[TestClass]
public sealed class ConvNetTrainerTests
{
    /// <summary>Every layer kind, odd sizes and two channels in, so an index slip in im2col, pooling or flattening shows.</summary>
    private static ConvNet SmallNetwork(int seed)
    {
        var random = new Random(seed);
        float[] Weights(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1) * 0.5f).ToArray();
        return new ConvNet(8,
        [
            new ConvolutionLayer(1, 2, 3, Weights(18), Weights(2)),
            new MaxPoolLayer(),
            new ConvolutionLayer(2, 3, 3, Weights(54), Weights(3)),
            new MaxPoolLayer(),
            new DenseLayer(12, 5, Weights(60), Weights(5), Relu: true),
            new DenseLayer(5, 3, Weights(15), Weights(3), Relu: false),
        ]);
    }

    private static double Loss(ConvNet network, float[] input, int label)
    {
        float[] logits = network.Logits(input);
        double max = logits.Max();
        double sum = logits.Sum(v => Math.Exp(v - max));
        return -(logits[label] - max - Math.Log(sum));
    }

    [TestMethod]
    public void Gradients_EveryLayer_MatchFiniteDifferencesOfTheLoss()
    {
        var network = SmallNetwork(seed: 3);
        var random = new Random(5);
        float[] input = Enumerable.Range(0, 64).Select(_ => (float)random.NextDouble()).ToArray();
        const int label = 1;

        var (loss, weightGradients, biasGradients) = ConvNetTrainer.Gradients(network, input, label);

        Assert.AreEqual(Loss(network, input, label), loss, 1e-4);
        int compared = 0;
        for (int layer = 0; layer < network.Layers.Count; layer++)
        {
            var parameters = network.Layers[layer] switch
            {
                ConvolutionLayer c => new[] { (c.Weights, weightGradients[layer]!), (c.Bias, biasGradients[layer]!) },
                DenseLayer d => [(d.Weights, weightGradients[layer]!), (d.Bias, biasGradients[layer]!)],
                _ => [],
            };
            foreach (var (values, gradient) in parameters)
                for (int k = 0; k < values.Length; k++)
                {
                    const float step = 1e-2f;
                    float kept = values[k];
                    values[k] = kept + step;
                    double up = Loss(network, input, label);
                    values[k] = kept - step;
                    double down = Loss(network, input, label);
                    values[k] = kept;
                    double numeric = (up - down) / (2 * step);
                    // A ReLU or max-pool switching inside the step makes the numeric slope meaningless there; skip kinks.
                    if (Math.Abs(up - loss - (loss - down)) > 1e-3) continue;
                    Assert.AreEqual(numeric, gradient[k], 2e-3 + 0.02 * Math.Abs(numeric), $"layer {layer}, parameter {k}");
                    compared++;
                }
        }
        Assert.IsGreaterThan(100, compared, "parameters away from a kink");
    }

    [TestMethod]
    public void Train_DrawnCharacters_ReadsHeldOutDrawingsOfTheSameCharacters()
    {
        string[] labels = ["1", "7", "A", "L"];
        var random = new Random(11);
        (float[] Pixels, int Label) Sample(int label)
        {
            using var image = SyntheticCharacters.Draw(labels[label], random);
            image.GetArray(out byte[] bytes);
            return (bytes.Select(b => b / 255f).ToArray(), label);
        }
        var train = Enumerable.Range(0, 160).Select(i => Sample(i % labels.Length)).ToArray();
        var test = Enumerable.Range(0, 40).Select(i => Sample(i % labels.Length)).ToArray();
        var initial = ConvNetArchitecture.Create(20, labels.Length, seed: 1, firstChannels: 4, secondChannels: 8, hidden: 16);

        var network = ConvNetTrainer.Train(initial, train.Select(s => s.Pixels).ToArray(), train.Select(s => s.Label).ToArray(),
            new ConvNetTrainingOptions { Epochs = 8, BatchSize = 16, LearningRate = 0.01f, Threads = 2 });

        int correct = test.Count(s => { var logits = network.Logits(s.Pixels); return Array.IndexOf(logits, logits.Max()) == s.Label; });
        Assert.IsGreaterThanOrEqualTo(38, correct, $"held-out drawings read right of {test.Length}");
    }

    [TestMethod]
    public void Train_SameSeedTwice_GivesIdenticalWeightsWhateverTheThreadTiming()
    {
        var random = new Random(2);
        var inputs = Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, 64).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        var labels = Enumerable.Range(0, 50).Select(i => i % 3).ToArray();
        var options = new ConvNetTrainingOptions { Epochs = 2, BatchSize = 8, Threads = 2 };

        var first = ConvNetTrainer.Train(SmallNetwork(seed: 4), inputs, labels, options);
        var second = ConvNetTrainer.Train(SmallNetwork(seed: 4), inputs, labels, options);

        for (int layer = 0; layer < first.Layers.Count; layer++)
            if (first.Layers[layer] is DenseLayer a && second.Layers[layer] is DenseLayer b)
                CollectionAssert.AreEqual(a.Weights, b.Weights);
            else if (first.Layers[layer] is ConvolutionLayer c && second.Layers[layer] is ConvolutionLayer d)
                CollectionAssert.AreEqual(c.Weights, d.Weights);
    }

    [TestMethod]
    public void Train_LabelOutsideTheClasses_ThrowsNamingTheRange()
    {
        var inputs = new[] { new float[64] };

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            ConvNetTrainer.Train(SmallNetwork(seed: 1), inputs, [3], new ConvNetTrainingOptions()));

        StringAssert.Contains(error.Message, "[0, 3)");
    }
}
