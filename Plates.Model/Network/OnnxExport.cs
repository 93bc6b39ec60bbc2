namespace Plates.Model.Network;

/// <summary>
/// Writes a <see cref="ConvNet"/> as an ONNX model (opset 13) that ONNX Runtime, and so ML.NET's ApplyOnnxModel, can
/// run: input <see cref="InputName"/> float [batch, Side²] (the grey pixels scaled to [0, 1], row-major), outputs
/// <see cref="EmbeddingName"/> [batch, EmbeddingSize] and <see cref="LogitsName"/> [batch, Classes]. The weights are
/// stored in the model as initializers, so the bytes are the whole network.
/// </summary>
public static class OnnxExport
{
    public const string InputName = "Pixels";
    public const string EmbeddingName = "Embedding";
    public const string LogitsName = "Logits";
    public const int OpsetVersion = 13;

    /// <summary>The symbolic first dimension: ML.NET feeds one row at a time, ONNX Runtime callers may batch.</summary>
    public const string BatchDimension = "batch";

    // IR version 7 is the one that came with opset 12 and 13; ONNX Runtime reads it and every later one.
    private const long IrVersion = 7;

    /// <summary>The ONNX ModelProto bytes of <paramref name="network"/>.</summary>
    public static byte[] ToBytes(ConvNet network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var graph = BuildGraph(network);
        return new ProtobufWriter()
            .Int64(ModelField.IrVersion, IrVersion)
            .String(ModelField.ProducerName, "Plates.Model")
            .String(ModelField.ProducerVersion, "1")
            .Message(ModelField.Graph, graph.Write)
            .Message(ModelField.OpsetImport, opset => opset.Int64(OperatorSetIdField.Version, OpsetVersion))
            .ToArray();
    }

    /// <summary>Writes <see cref="ToBytes"/> to a file, so the network can be kept beside the .zip or opened in other tools.</summary>
    public static void Write(ConvNet network, string path) => IO.AtomicFile.WriteAllBytes(path, ToBytes(network));

    private static OnnxGraph BuildGraph(ConvNet network)
    {
        var graph = new OnnxGraph("ConvNet");
        int side = network.InputSide;
        graph.Inputs.Add(new OnnxValueInfo(InputName, side * side));
        graph.Outputs.Add(new OnnxValueInfo(EmbeddingName, network.EmbeddingSize));
        graph.Outputs.Add(new OnnxValueInfo(LogitsName, network.Classes));

        // The row of pixels becomes one single-channel image; -1 keeps whatever batch size the caller sends.
        graph.Initializers.Add(OnnxTensor.Int64s("image_shape", [-1, 1, side, side]));
        graph.Nodes.Add(new OnnxNode("Reshape", [InputName, "image_shape"], "image"));
        string current = "image";
        bool flat = false;

        if (network.EmbeddingLayer < 0)
            // A network of one dense layer has no hidden layer: its embedding is the input itself.
            graph.Nodes.Add(new OnnxNode("Identity", [InputName], EmbeddingName));

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
                    graph.Initializers.Add(OnnxTensor.Floats($"conv{i}.weight", [conv.OutChannels, conv.InChannels, conv.Kernel, conv.Kernel], conv.Weights));
                    graph.Initializers.Add(OnnxTensor.Floats($"conv{i}.bias", [conv.OutChannels], conv.Bias));
                    graph.Nodes.Add(new OnnxNode("Conv", [current, $"conv{i}.weight", $"conv{i}.bias"], $"conv{i}")
                    {
                        Ints =
                        {
                            ["kernel_shape"] = [conv.Kernel, conv.Kernel],
                            ["pads"] = [conv.Padding, conv.Padding, conv.Padding, conv.Padding],
                            ["strides"] = [1, 1],
                        },
                    });
                    graph.Nodes.Add(new OnnxNode("Relu", [$"conv{i}"], output));
                    break;
                case MaxPoolLayer:
                    graph.Nodes.Add(new OnnxNode("MaxPool", [current], output)
                    {
                        Ints = { ["kernel_shape"] = [2, 2], ["strides"] = [2, 2] },
                    });
                    break;
                case DenseLayer dense:
                    if (!flat)
                    {
                        // C, H, W flattened in that order: the order ConvNet's dense weights are laid out in.
                        graph.Nodes.Add(new OnnxNode("Flatten", [current], $"flat{i}") { Int = { ["axis"] = 1 } });
                        current = $"flat{i}";
                    }
                    graph.Initializers.Add(OnnxTensor.Floats($"dense{i}.weight", [dense.Outputs, dense.Inputs], dense.Weights));
                    graph.Initializers.Add(OnnxTensor.Floats($"dense{i}.bias", [dense.Outputs], dense.Bias));
                    // Weights are [Outputs, Inputs], so Gemm multiplies by their transpose.
                    string gemmOutput = dense.Relu ? $"dense{i}" : output;
                    graph.Nodes.Add(new OnnxNode("Gemm", [current, $"dense{i}.weight", $"dense{i}.bias"], gemmOutput) { Int = { ["transB"] = 1 } });
                    if (dense.Relu) graph.Nodes.Add(new OnnxNode("Relu", [gemmOutput], output));
                    break;
                default:
                    throw new NotSupportedException($"Layer {i} is a {network.Layers[i].GetType().Name}, which has no ONNX export.");
            }
            current = output;
            flat = network.Layers[i] is DenseLayer;
            if (isEmbedding && !flat)
            {
                graph.Nodes.Add(new OnnxNode("Flatten", [current], EmbeddingName) { Int = { ["axis"] = 1 } });
                current = EmbeddingName;
                flat = true;
            }
        }
        return graph;
    }

    private sealed class OnnxGraph(string name)
    {
        public List<OnnxNode> Nodes { get; } = [];
        public List<OnnxTensor> Initializers { get; } = [];
        public List<OnnxValueInfo> Inputs { get; } = [];
        public List<OnnxValueInfo> Outputs { get; } = [];

        public void Write(ProtobufWriter writer)
        {
            foreach (var node in Nodes) writer.Message(GraphField.Node, node.Write);
            writer.String(GraphField.Name, name);
            foreach (var tensor in Initializers) writer.Message(GraphField.Initializer, tensor.Write);
            foreach (var input in Inputs) writer.Message(GraphField.Input, input.Write);
            foreach (var output in Outputs) writer.Message(GraphField.Output, output.Write);
        }
    }

    private sealed class OnnxNode(string opType, string[] inputs, string output)
    {
        public Dictionary<string, long> Int { get; } = [];
        public Dictionary<string, long[]> Ints { get; } = [];

        public void Write(ProtobufWriter writer)
        {
            foreach (string input in inputs) writer.String(NodeField.Input, input);
            writer.String(NodeField.Output, output);
            writer.String(NodeField.Name, $"{opType}:{output}");
            writer.String(NodeField.OpType, opType);
            foreach (var (name, value) in Int)
                writer.Message(NodeField.Attribute, a => a.String(AttributeField.Name, name).Int64(AttributeField.Type, AttributeType.Int).Int64(AttributeField.I, value));
            foreach (var (name, values) in Ints)
                writer.Message(NodeField.Attribute, a => a.String(AttributeField.Name, name).Int64(AttributeField.Type, AttributeType.Ints).PackedInt64s(AttributeField.Ints, values));
        }
    }

    private sealed record OnnxTensor(string Name, long[] Dims, int DataType, float[]? FloatData, long[]? Int64Data)
    {
        public static OnnxTensor Floats(string name, long[] dims, float[] data) => new(name, dims, TensorDataType.Float, data, null);

        public static OnnxTensor Int64s(string name, long[] data) => new(name, [data.Length], TensorDataType.Int64, null, data);

        public void Write(ProtobufWriter writer)
        {
            writer.PackedInt64s(TensorField.Dims, Dims).Int64(TensorField.DataType, DataType).String(TensorField.Name, Name);
            if (FloatData is not null) writer.PackedFloats(TensorField.FloatData, FloatData);
            if (Int64Data is not null) writer.PackedInt64s(TensorField.Int64Data, Int64Data);
        }
    }

    /// <summary>A float tensor of shape [batch, <paramref name="Size"/>].</summary>
    private sealed record OnnxValueInfo(string Name, int Size)
    {
        public void Write(ProtobufWriter writer) => writer
            .String(ValueInfoField.Name, Name)
            .Message(ValueInfoField.Type, type => type.Message(TypeField.TensorType, tensor => tensor
                .Int64(TensorTypeField.ElemType, TensorDataType.Float)
                .Message(TensorTypeField.Shape, shape => shape
                    .Message(ShapeField.Dim, dim => dim.String(DimensionField.Param, BatchDimension))
                    .Message(ShapeField.Dim, dim => dim.Int64(DimensionField.Value, Size)))));
    }

    // Field numbers and enum values of onnx.proto (ONNX IR spec).
    private static class ModelField
    {
        public const int IrVersion = 1, ProducerName = 2, ProducerVersion = 3, Graph = 7, OpsetImport = 8;
    }

    private static class OperatorSetIdField
    {
        public const int Version = 2;
    }

    private static class GraphField
    {
        public const int Node = 1, Name = 2, Initializer = 5, Input = 11, Output = 12;
    }

    private static class NodeField
    {
        public const int Input = 1, Output = 2, Name = 3, OpType = 4, Attribute = 5;
    }

    private static class AttributeField
    {
        public const int Name = 1, I = 3, Ints = 8, Type = 20;
    }

    private static class AttributeType
    {
        public const int Int = 2, Ints = 7;
    }

    private static class TensorField
    {
        public const int Dims = 1, DataType = 2, FloatData = 4, Int64Data = 7, Name = 8;
    }

    private static class TensorDataType
    {
        public const int Float = 1, Int64 = 7;
    }

    private static class ValueInfoField
    {
        public const int Name = 1, Type = 2;
    }

    private static class TypeField
    {
        public const int TensorType = 1;
    }

    private static class TensorTypeField
    {
        public const int ElemType = 1, Shape = 2;
    }

    private static class ShapeField
    {
        public const int Dim = 1;
    }

    private static class DimensionField
    {
        public const int Value = 1, Param = 2;
    }
}
