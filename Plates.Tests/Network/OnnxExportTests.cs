using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Plates.Network;
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

    [TestMethod]
    public void Export_ParsedBackWithOnnxSharp_NamesTheInputOutputsOpsetAndLayers()
    {
        var network = RandomNetworks.Small(classes: 9);

        var model = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(network));

        Assert.AreEqual(7L, model.IrVersion);
        Assert.AreEqual(OnnxExport.OpsetVersion, model.OpsetImport.Single().Version);
        Assert.AreEqual("", model.OpsetImport.Single().Domain, "the default (ai.onnx) operator set");
        var input = model.Graph.Input.Single();
        Assert.AreEqual(OnnxExport.InputName, input.Name);
        CollectionAssert.AreEqual(new[] { OnnxExport.EmbeddingName, OnnxExport.LogitsName }, model.Graph.Output.Select(o => o.Name).ToArray());
        foreach (var (value, width) in new[] { (input, 400L), (model.Graph.Output[0], 12L), (model.Graph.Output[1], 9L) })
        {
            Assert.AreEqual((int)TensorProto.Types.DataType.Float, value.Type.TensorType.ElemType, value.Name);
            var dims = value.Type.TensorType.Shape.Dim;
            Assert.AreEqual(OnnxExport.BatchDimension, dims[0].DimParam, value.Name);
            Assert.AreEqual(width, dims[1].DimValue, value.Name);
        }
        CollectionAssert.AreEqual(
            new[] { "Reshape", "Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Relu", "Gemm" },
            model.Graph.Node.Select(n => n.OpType).ToArray());
        var firstConvolution = (ConvolutionLayer)network.Layers[0];
        var weights = model.Graph.Initializer.Single(t => t.Name == "conv0.weight");
        CollectionAssert.AreEqual(new long[] { 4, 1, 3, 3 }, weights.Dims.ToArray());
        CollectionAssert.AreEqual(firstConvolution.Weights, weights.FloatData.ToArray(), "the weights are stored as they are");
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
