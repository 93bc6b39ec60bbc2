using Google.Protobuf;
using Onnx;
using Plates.Model.IO;
using DataType = Onnx.TensorProto.Types.DataType;
using AttributeType = Onnx.AttributeProto.Types.AttributeType;

namespace Plates.Network;

/// <summary>
/// Writes a <see cref="ConvNet"/> as an ONNX model (opset 13) that ONNX Runtime, and so ML.NET's ApplyOnnxModel, can
/// run: input <see cref="InputName"/> float [batch, Side²] (the grey pixels scaled to [0, 1], row-major), outputs
/// <see cref="EmbeddingName"/> [batch, EmbeddingSize] and <see cref="LogitsName"/> [batch, Classes]. The weights are
/// stored in the model as initializers, so the bytes are the whole network. The messages are OnnxSharp's classes
/// generated from onnx.proto, serialised by Google.Protobuf.
/// </summary>
public static class OnnxExport
{
    public const string InputName = "Pixels";
    public const string EmbeddingName = "Embedding";
    public const string LogitsName = "Logits";
    public const int OpsetVersion = 13;

    /// <summary>The symbolic first dimension: ML.NET feeds one row at a time, ONNX Runtime callers may batch.</summary>
    public const string BatchDimension = "batch";

    // IR version 7 (2020-05-08) is the one that came with opset 12 and 13; ONNX Runtime reads it and every later one.
    private const long IrVersion = (long)Onnx.Version.IrVersion202058;

    /// <summary>The ONNX ModelProto bytes of <paramref name="network"/>.</summary>
    public static byte[] ToBytes(ConvNet network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Plates.Network",
            ProducerVersion = "1",
            Graph = BuildGraph(network),
            OpsetImport = { new OperatorSetIdProto { Version = OpsetVersion } },
        };
        return model.ToByteArray();
    }

    /// <summary>Writes <see cref="ToBytes"/> to a file, so the network can be kept beside the .zip or opened in other tools.</summary>
    public static void Write(ConvNet network, string path) => AtomicFile.WriteAllBytes(path, ToBytes(network));

    private static GraphProto BuildGraph(ConvNet network)
    {
        var graph = new GraphProto { Name = "ConvNet" };
        int side = network.InputSide;
        graph.Input.Add(FloatRows(InputName, side * side));
        graph.Output.Add(FloatRows(EmbeddingName, network.EmbeddingSize));
        graph.Output.Add(FloatRows(LogitsName, network.Classes));

        // The row of pixels becomes one single-channel image; -1 keeps whatever batch size the caller sends.
        graph.Initializer.Add(Int64s("image_shape", [-1, 1, side, side]));
        graph.Node.Add(Node("Reshape", [InputName, "image_shape"], "image"));
        string current = "image";
        bool flat = false;

        if (network.EmbeddingLayer < 0)
            // A network of one dense layer has no hidden layer: its embedding is the input itself.
            graph.Node.Add(Node("Identity", [InputName], EmbeddingName));

        for (int i = 0; i < network.Layers.Count; i++)
        {
            bool isEmbedding = i == network.EmbeddingLayer;
            bool isLogits = i == network.Layers.Count - 1;
            // A dense embedding is already [batch, size] and can carry the output name itself; an image-shaped one is
            // flattened into that name below.
            string output = isLogits ? LogitsName : isEmbedding && network.Layers[i] is DenseLayer ? EmbeddingName : $"layer{i}";
            switch (network.Layers[i])
            {
                case ConvolutionLayer conv:
                    graph.Initializer.Add(Floats($"conv{i}.weight", [conv.OutChannels, conv.InChannels, conv.Kernel, conv.Kernel], conv.Weights));
                    graph.Initializer.Add(Floats($"conv{i}.bias", [conv.OutChannels], conv.Bias));
                    graph.Node.Add(Node("Conv", [current, $"conv{i}.weight", $"conv{i}.bias"], $"conv{i}",
                        Ints("kernel_shape", conv.Kernel, conv.Kernel),
                        Ints("pads", conv.Padding, conv.Padding, conv.Padding, conv.Padding),
                        Ints("strides", 1, 1)));
                    graph.Node.Add(Node("Relu", [$"conv{i}"], output));
                    break;
                case MaxPoolLayer:
                    graph.Node.Add(Node("MaxPool", [current], output, Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)));
                    break;
                case DenseLayer dense:
                    if (!flat)
                    {
                        // C, H, W flattened in that order: the order ConvNet's dense weights are laid out in.
                        graph.Node.Add(Node("Flatten", [current], $"flat{i}", Int("axis", 1)));
                        current = $"flat{i}";
                    }
                    graph.Initializer.Add(Floats($"dense{i}.weight", [dense.Outputs, dense.Inputs], dense.Weights));
                    graph.Initializer.Add(Floats($"dense{i}.bias", [dense.Outputs], dense.Bias));
                    // Weights are [Outputs, Inputs], so Gemm multiplies by their transpose.
                    string gemmOutput = dense.Relu ? $"dense{i}" : output;
                    graph.Node.Add(Node("Gemm", [current, $"dense{i}.weight", $"dense{i}.bias"], gemmOutput, Int("transB", 1)));
                    if (dense.Relu) graph.Node.Add(Node("Relu", [gemmOutput], output));
                    break;
                default:
                    throw new NotSupportedException($"Layer {i} is a {network.Layers[i].GetType().Name}, which has no ONNX export.");
            }
            current = output;
            flat = network.Layers[i] is DenseLayer;
            if (isEmbedding && !flat)
            {
                graph.Node.Add(Node("Flatten", [current], EmbeddingName, Int("axis", 1)));
                current = EmbeddingName;
                flat = true;
            }
        }
        return graph;
    }

    private static NodeProto Node(string opType, string[] inputs, string output, params AttributeProto[] attributes) => new()
    {
        OpType = opType,
        Name = $"{opType}:{output}",
        Input = { inputs },
        Output = { output },
        Attribute = { attributes },
    };

    private static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };

    private static AttributeProto Ints(string name, params long[] values) => new() { Name = name, Type = AttributeType.Ints, Ints = { values } };

    private static TensorProto Floats(string name, long[] dims, float[] data) => new()
    {
        Name = name,
        DataType = (int)DataType.Float,
        Dims = { dims },
        FloatData = { data },
    };

    private static TensorProto Int64s(string name, long[] data) => new()
    {
        Name = name,
        DataType = (int)DataType.Int64,
        Dims = { data.Length },
        Int64Data = { data },
    };

    /// <summary>A float tensor of shape [batch, <paramref name="size"/>].</summary>
    private static ValueInfoProto FloatRows(string name, int size) => new()
    {
        Name = name,
        Type = new TypeProto
        {
            TensorType = new TypeProto.Types.Tensor
            {
                ElemType = (int)DataType.Float,
                Shape = new TensorShapeProto
                {
                    Dim =
                    {
                        new TensorShapeProto.Types.Dimension { DimParam = BatchDimension },
                        new TensorShapeProto.Types.Dimension { DimValue = size },
                    },
                },
            },
        },
    };
}
