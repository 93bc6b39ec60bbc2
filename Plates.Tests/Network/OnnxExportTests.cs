using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Plates.Model.Network;
using Plates.Tests.TestSupport;

namespace Plates.Tests.Network;

[TestClass]
public sealed class OnnxExportTests
{
    private const float Tolerance = 1e-4f;

    [TestMethod]
    public void Export_RunByOnnxRuntime_GivesReferenceEmbeddingAndLogits()
    {
        var network = RandomNetworks.Small();
        using var session = new InferenceSession(OnnxExport.ToBytes(network));
        var random = new Random(5);

        for (int sample = 0; sample < 4; sample++)
        {
            float[] pixels = RandomNetworks.Pixels(random);
            var (embedding, logits) = Run(session, [pixels]);

            AssertClose(network.Embedding(pixels), embedding[0], "embedding");
            AssertClose(network.Logits(pixels), logits[0], "logits");
        }
    }

    [TestMethod]
    public void Export_BatchOfInputs_GivesEachRowItsOwnOutputs()
    {
        var network = RandomNetworks.Small();
        using var session = new InferenceSession(OnnxExport.ToBytes(network));
        var random = new Random(6);
        float[][] batch = [RandomNetworks.Pixels(random), RandomNetworks.Pixels(random), RandomNetworks.Pixels(random)];

        var (embeddings, logits) = Run(session, batch);

        for (int row = 0; row < batch.Length; row++)
        {
            AssertClose(network.Embedding(batch[row]), embeddings[row], $"embedding of row {row}");
            AssertClose(network.Logits(batch[row]), logits[row], $"logits of row {row}");
        }
    }

    [TestMethod]
    public void Export_ConvolutionEmbedding_IsFlattenedInChannelRowColumnOrder()
    {
        // The last hidden layer is a pooling layer here, so the exported embedding is an image flattened by the graph.
        var random = new Random(2);
        var network = new ConvNet(20,
        [
            RandomNetworks.Convolution(random, 1, 3, 5),
            new MaxPoolLayer(),
            RandomNetworks.Dense(random, 3 * 10 * 10, 7, relu: false),
        ]);
        using var session = new InferenceSession(OnnxExport.ToBytes(network));
        float[] pixels = RandomNetworks.Pixels(new Random(8));

        var (embedding, logits) = Run(session, [pixels]);

        Assert.AreEqual(300, network.EmbeddingSize);
        AssertClose(network.Embedding(pixels), embedding[0], "embedding");
        AssertClose(network.Logits(pixels), logits[0], "logits");
    }

    [TestMethod]
    public void Export_SingleDenseLayer_HasThePixelsAsEmbedding()
    {
        // No hidden layer: a linear model over the pixels, whose "embedding" is its input.
        var network = new ConvNet(20, [RandomNetworks.Dense(new Random(3), 400, 6, relu: false)]);
        using var session = new InferenceSession(OnnxExport.ToBytes(network));
        float[] pixels = RandomNetworks.Pixels(new Random(4));

        var (embedding, logits) = Run(session, [pixels]);

        AssertClose(pixels, embedding[0], "embedding");
        AssertClose(network.Logits(pixels), logits[0], "logits");
    }

    [TestMethod]
    public void Write_FileHoldsTheSameBytesAsToBytes()
    {
        using var temp = new TempFolder();
        var network = RandomNetworks.Small();

        OnnxExport.Write(network, temp.Combine("alnum.onnx"));

        CollectionAssert.AreEqual(OnnxExport.ToBytes(network), File.ReadAllBytes(temp.Combine("alnum.onnx")));
    }

    [TestMethod]
    public void Export_DeclaresPixelsInputAndBothOutputsWithTheirWidths()
    {
        var network = RandomNetworks.Small(classes: 9);
        using var session = new InferenceSession(OnnxExport.ToBytes(network));

        Assert.AreEqual(OnnxExport.InputName, session.InputMetadata.Keys.Single());
        CollectionAssert.AreEqual(new[] { -1, 400 }, session.InputMetadata[OnnxExport.InputName].Dimensions);
        CollectionAssert.AreEqual(new[] { -1, 12 }, session.OutputMetadata[OnnxExport.EmbeddingName].Dimensions);
        CollectionAssert.AreEqual(new[] { -1, 9 }, session.OutputMetadata[OnnxExport.LogitsName].Dimensions);
    }

    private static (float[][] Embedding, float[][] Logits) Run(InferenceSession session, float[][] rows)
    {
        int width = rows[0].Length;
        var input = new DenseTensor<float>(rows.SelectMany(r => r).ToArray(), [rows.Length, width]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExport.InputName, input)]);
        float[][] Split(string name)
        {
            var tensor = results.Single(r => r.Name == name).AsTensor<float>();
            int size = tensor.Dimensions[1];
            float[] all = tensor.ToArray();
            return Enumerable.Range(0, rows.Length).Select(r => all.AsSpan(r * size, size).ToArray()).ToArray();
        }
        return (Split(OnnxExport.EmbeddingName), Split(OnnxExport.LogitsName));
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.HasCount(expected.Length, actual, what);
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], actual[i], Tolerance * Math.Max(1f, Math.Abs(expected[i])), $"{what}[{i}]");
    }
}
