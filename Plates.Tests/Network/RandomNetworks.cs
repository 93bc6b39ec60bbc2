using Plates.Network;

namespace Plates.Tests.Network;

/// <summary>Convolutional networks with seeded random weights: enough to check that every copy of a network computes the same thing.</summary>
public static class RandomNetworks
{
    /// <summary>conv 3×3 1→4, pool, conv 3×3 4→6, pool, dense 150→12 ReLU, dense 12→classes: every kind of layer and both flattenings.</summary>
    public static ConvNet Small(int classes = 5, int seed = 1)
    {
        var random = new Random(seed);
        return new ConvNet(20,
        [
            Convolution(random, 1, 4, 3),
            new MaxPoolLayer(),
            Convolution(random, 4, 6, 3),
            new MaxPoolLayer(),
            Dense(random, 6 * 5 * 5, 12, relu: true),
            Dense(random, 12, classes, relu: false),
        ]);
    }

    /// <summary>The size the alnum network is meant to have: conv 3×3 1→16, pool, conv 3×3 16→32, pool, dense 800→128 ReLU, dense 128→34.</summary>
    public static ConvNet AlnumSized(int seed = 1)
    {
        var random = new Random(seed);
        return new ConvNet(20,
        [
            Convolution(random, 1, 16, 3),
            new MaxPoolLayer(),
            Convolution(random, 16, 32, 3),
            new MaxPoolLayer(),
            Dense(random, 32 * 5 * 5, 128, relu: true),
            Dense(random, 128, 34, relu: false),
        ]);
    }

    /// <summary>Weights drawn uniformly within ±sqrt(6 / fan-in) (He), so activations neither vanish nor explode through the layers.</summary>
    public static ConvolutionLayer Convolution(Random random, int inChannels, int outChannels, int kernel) =>
        new(inChannels, outChannels, kernel,
            Uniform(random, outChannels * inChannels * kernel * kernel, MathF.Sqrt(6f / (inChannels * kernel * kernel))),
            Uniform(random, outChannels, 0.1f));

    public static DenseLayer Dense(Random random, int inputs, int outputs, bool relu) =>
        new(inputs, outputs, Uniform(random, outputs * inputs, MathF.Sqrt(6f / inputs)), Uniform(random, outputs, 0.1f), relu);

    /// <summary>Values in [0, 1), like the scaled grey pixels the networks read.</summary>
    public static float[] Pixels(Random random, int count = 400) => Enumerable.Range(0, count).Select(_ => random.NextSingle()).ToArray();

    private static float[] Uniform(Random random, int count, float limit) =>
        Enumerable.Range(0, count).Select(_ => (2 * random.NextSingle() - 1) * limit).ToArray();
}
