using Plates.Network;

namespace Plates.Train.Training.Convolutional;

/// <summary>The layer stack the character networks are trained with, and its starting weights.</summary>
public static class ConvNetArchitecture
{
    /// <summary>
    /// Two 3×3 convolution blocks (each followed by 2×2 max pooling), a dense hidden layer (the embedding) and the class
    /// logits: small enough to train on two cores in about a minute, deep enough to learn stroke shapes.
    /// </summary>
    public static ConvNet Create(int side, int classes, int seed, int firstChannels = 16, int secondChannels = 32, int hidden = 128)
    {
        var random = new Random(seed);
        int pooledSide = side / 2 / 2;
        int flattened = secondChannels * pooledSide * pooledSide;
        return new ConvNet(side,
        [
            new ConvolutionLayer(1, firstChannels, 3, HeNormal(random, firstChannels * 9, 9), new float[firstChannels]),
            new MaxPoolLayer(),
            new ConvolutionLayer(firstChannels, secondChannels, 3, HeNormal(random, secondChannels * firstChannels * 9, firstChannels * 9), new float[secondChannels]),
            new MaxPoolLayer(),
            new DenseLayer(flattened, hidden, HeNormal(random, hidden * flattened, flattened), new float[hidden], Relu: true),
            new DenseLayer(hidden, classes, HeNormal(random, classes * hidden, hidden), new float[classes], Relu: false),
        ]);
    }

    /// <summary>Normal weights with variance 2 / fan-in, which keeps activations of ReLU layers at a steady scale.</summary>
    private static float[] HeNormal(Random random, int count, int fanIn)
    {
        var weights = new float[count];
        double std = Math.Sqrt(2.0 / fanIn);
        for (int i = 0; i < count; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            weights[i] = (float)(std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return weights;
    }
}
