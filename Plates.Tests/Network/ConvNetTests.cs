using Plates.Network;

namespace Plates.Tests.Network;

[TestClass]
public sealed class ConvNetTests
{
    [TestMethod]
    public void Constructor_DenseLayerOfWrongWidth_NamesTheLayerAndBothSizes()
    {
        var random = new Random(1);
        // After conv and pool the tensor is 4×10×10 = 400 values, not the 300 the dense layer was built for.
        NetworkLayer[] layers =
        [
            RandomNetworks.Convolution(random, 1, 4, 3),
            new MaxPoolLayer(),
            RandomNetworks.Dense(random, 300, 5, relu: false),
        ];

        var error = Assert.ThrowsExactly<ArgumentException>(() => new ConvNet(20, layers));

        Assert.AreEqual("layers", error.ParamName);
        StringAssert.Contains(error.Message, "Layer 2 (DenseLayer");
        StringAssert.Contains(error.Message, "4×10×10");
        StringAssert.Contains(error.Message, "300");
        StringAssert.Contains(error.Message, "400");
    }

    [TestMethod]
    public void Constructor_ConvolutionOnWrongChannelCount_NamesTheLayer()
    {
        var random = new Random(1);
        NetworkLayer[] layers =
        [
            RandomNetworks.Convolution(random, 1, 4, 3),
            RandomNetworks.Convolution(random, 8, 4, 3),
            RandomNetworks.Dense(random, 4 * 20 * 20, 5, relu: false),
        ];

        var error = Assert.ThrowsExactly<ArgumentException>(() => new ConvNet(20, layers));

        StringAssert.Contains(error.Message, "Layer 1 (ConvolutionLayer");
        StringAssert.Contains(error.Message, "8 channels, got 4");
    }

    [TestMethod]
    public void Constructor_WeightArrayOfWrongLength_IsRejected()
    {
        var random = new Random(1);
        var dense = RandomNetworks.Dense(random, 400, 5, relu: false) with { Weights = new float[399] };

        var error = Assert.ThrowsExactly<ArgumentException>(() => new ConvNet(20, [dense]));

        StringAssert.Contains(error.Message, "Layer 0 (DenseLayer");
        StringAssert.Contains(error.Message, "399 values, 2000 expected");
    }

    [TestMethod]
    public void Constructor_PoolingTooOften_IsRejectedBeforeAnEmptyTensor()
    {
        var random = new Random(1);
        NetworkLayer[] layers =
        [
            new MaxPoolLayer(), new MaxPoolLayer(), new MaxPoolLayer(), new MaxPoolLayer(), new MaxPoolLayer(),
            RandomNetworks.Dense(random, 1, 5, relu: false),
        ];

        var error = Assert.ThrowsExactly<ArgumentException>(() => new ConvNet(20, layers));

        StringAssert.Contains(error.Message, "Layer 4 (MaxPoolLayer) leaves an empty");
    }
}
