namespace Plates.Network;

/// <summary>
/// A small convolutional network over one Side×Side grey character: a stack of <see cref="NetworkLayer"/>s ending in a
/// dense layer with one output per class. Tensors are channel-major (C, H, W) and flattened in that order, as ONNX's
/// NCHW layout does, so the weights carry over to the exported graph unchanged.
/// </summary>
public sealed class ConvNet
{
    public ConvNet(int inputSide, IReadOnlyList<NetworkLayer> layers)
    {
        if (inputSide <= 0) throw new ArgumentOutOfRangeException(nameof(inputSide), inputSide, "The input side must be positive.");
        if (layers.Count == 0 || layers[^1] is not DenseLayer { Relu: false })
            throw new ArgumentException("The last layer must be a dense layer without ReLU (the class logits).", nameof(layers));
        InputSide = inputSide;
        Layers = layers;
        var shape = new TensorShape(1, inputSide, inputSide);
        for (int i = 0; i < layers.Count; i++)
        {
            // The layer's own check knows what it expected but not where it stands; the caller needs both.
            try
            {
                layers[i].Validate();
                shape = layers[i].OutputShape(shape);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Layer {i} ({layers[i].GetType().Name}, input {shape.Channels}×{shape.Height}×{shape.Width}): {e.Message}", nameof(layers), e);
            }
            if (shape.Size == 0)
                throw new ArgumentException($"Layer {i} ({layers[i].GetType().Name}) leaves an empty {shape.Channels}×{shape.Height}×{shape.Width} output.", nameof(layers));
        }
        Classes = shape.Size;
    }

    /// <summary>Height and width of the single-channel input.</summary>
    public int InputSide { get; }

    public IReadOnlyList<NetworkLayer> Layers { get; }

    /// <summary>Outputs of the last layer.</summary>
    public int Classes { get; }

    /// <summary>Index of the last hidden layer, whose output is the embedding a linear model can learn from.</summary>
    public int EmbeddingLayer => Layers.Count - 2;

    /// <summary>Width of the embedding (output size of <see cref="EmbeddingLayer"/>).</summary>
    public int EmbeddingSize => ShapeAfter(EmbeddingLayer).Size;

    /// <summary>Shape of the output of layer <paramref name="index"/>.</summary>
    public TensorShape ShapeAfter(int index)
    {
        var shape = new TensorShape(1, InputSide, InputSide);
        for (int i = 0; i <= index; i++) shape = Layers[i].OutputShape(shape);
        return shape;
    }

    /// <summary>Runs the network on one input (InputSide² values, row-major) and returns every layer's output.</summary>
    public float[][] ForwardAll(ReadOnlySpan<float> input)
    {
        if (input.Length != InputSide * InputSide)
            throw new ArgumentException($"Expected {InputSide * InputSide} input values, got {input.Length}.", nameof(input));
        var outputs = new float[Layers.Count][];
        var shape = new TensorShape(1, InputSide, InputSide);
        float[] current = input.ToArray();
        for (int i = 0; i < Layers.Count; i++)
        {
            var next = Layers[i].OutputShape(shape);
            outputs[i] = new float[next.Size];
            Layers[i].Forward(current, shape, outputs[i]);
            current = outputs[i];
            shape = next;
        }
        return outputs;
    }

    /// <summary>The class logits of one input.</summary>
    public float[] Logits(ReadOnlySpan<float> input) => ForwardAll(input)[^1];

    /// <summary>The embedding (output of <see cref="EmbeddingLayer"/>) of one input.</summary>
    public float[] Embedding(ReadOnlySpan<float> input) => ForwardAll(input)[EmbeddingLayer];
}

/// <summary>Channels, height and width of a tensor of one sample.</summary>
public readonly record struct TensorShape(int Channels, int Height, int Width)
{
    public int Size => Channels * Height * Width;
}

/// <summary>One layer of a <see cref="ConvNet"/>; the reference forward pass here is what the ONNX export must match.</summary>
public abstract record NetworkLayer
{
    public abstract TensorShape OutputShape(TensorShape input);

    public abstract void Forward(ReadOnlySpan<float> input, TensorShape shape, Span<float> output);

    /// <summary>Checks the layer's own parameters (sizes of the weight arrays); throws <see cref="ArgumentException"/>.</summary>
    public virtual void Validate()
    {
    }

    private protected static void RequireLength(float[] values, int expected, string name)
    {
        if (values is null || values.Length != expected)
            throw new ArgumentException($"{name} holds {values?.Length ?? 0} values, {expected} expected.", name);
    }
}

/// <summary>
/// A square convolution with stride 1 and zero padding of Kernel / 2 on every side (same size out), followed by ReLU.
/// Weights are [OutChannels, InChannels, Kernel, Kernel] (ONNX OIHW), Bias [OutChannels].
/// </summary>
public sealed record ConvolutionLayer(int InChannels, int OutChannels, int Kernel, float[] Weights, float[] Bias) : NetworkLayer
{
    public int Padding => Kernel / 2;

    public override void Validate()
    {
        if (InChannels <= 0 || OutChannels <= 0 || Kernel <= 0)
            throw new ArgumentException($"Channels and kernel must be positive (in {InChannels}, out {OutChannels}, kernel {Kernel}).");
        RequireLength(Weights, OutChannels * InChannels * Kernel * Kernel, nameof(Weights));
        RequireLength(Bias, OutChannels, nameof(Bias));
    }

    public override TensorShape OutputShape(TensorShape input)
    {
        if (input.Channels != InChannels)
            throw new ArgumentException($"Convolution expects {InChannels} channels, got {input.Channels}.", nameof(input));
        return input with { Channels = OutChannels, Height = input.Height + 2 * Padding - Kernel + 1, Width = input.Width + 2 * Padding - Kernel + 1 };
    }

    public override void Forward(ReadOnlySpan<float> input, TensorShape shape, Span<float> output)
    {
        var o = OutputShape(shape);
        for (int oc = 0; oc < OutChannels; oc++)
            for (int y = 0; y < o.Height; y++)
                for (int x = 0; x < o.Width; x++)
                {
                    float sum = Bias[oc];
                    for (int ic = 0; ic < InChannels; ic++)
                        for (int ky = 0; ky < Kernel; ky++)
                        {
                            int sy = y + ky - Padding;
                            if (sy < 0 || sy >= shape.Height) continue;
                            for (int kx = 0; kx < Kernel; kx++)
                            {
                                int sx = x + kx - Padding;
                                if (sx < 0 || sx >= shape.Width) continue;
                                sum += Weights[((oc * InChannels + ic) * Kernel + ky) * Kernel + kx] * input[(ic * shape.Height + sy) * shape.Width + sx];
                            }
                        }
                    output[(oc * o.Height + y) * o.Width + x] = MathF.Max(0f, sum);
                }
    }
}

/// <summary>2×2 max pooling with stride 2 (odd trailing rows and columns are dropped, as ONNX MaxPool does).</summary>
public sealed record MaxPoolLayer : NetworkLayer
{
    public override TensorShape OutputShape(TensorShape input) => input with { Height = input.Height / 2, Width = input.Width / 2 };

    public override void Forward(ReadOnlySpan<float> input, TensorShape shape, Span<float> output)
    {
        var o = OutputShape(shape);
        for (int c = 0; c < o.Channels; c++)
            for (int y = 0; y < o.Height; y++)
                for (int x = 0; x < o.Width; x++)
                {
                    int at = (c * shape.Height + 2 * y) * shape.Width + 2 * x;
                    output[(c * o.Height + y) * o.Width + x] = MathF.Max(
                        MathF.Max(input[at], input[at + 1]),
                        MathF.Max(input[at + shape.Width], input[at + shape.Width + 1]));
                }
    }
}

/// <summary>A fully connected layer over the flattened (C, H, W) input; Weights are [Outputs, Inputs], Bias [Outputs].</summary>
public sealed record DenseLayer(int Inputs, int Outputs, float[] Weights, float[] Bias, bool Relu) : NetworkLayer
{
    public override void Validate()
    {
        if (Inputs <= 0 || Outputs <= 0)
            throw new ArgumentException($"Inputs and outputs must be positive (inputs {Inputs}, outputs {Outputs}).");
        RequireLength(Weights, Outputs * Inputs, nameof(Weights));
        RequireLength(Bias, Outputs, nameof(Bias));
    }

    public override TensorShape OutputShape(TensorShape input)
    {
        if (input.Size != Inputs)
            throw new ArgumentException($"Dense layer expects {Inputs} inputs, got {input.Size}.", nameof(input));
        return new TensorShape(Outputs, 1, 1);
    }

    public override void Forward(ReadOnlySpan<float> input, TensorShape shape, Span<float> output)
    {
        for (int o = 0; o < Outputs; o++)
        {
            float sum = Bias[o];
            ReadOnlySpan<float> row = Weights.AsSpan(o * Inputs, Inputs);
            for (int i = 0; i < Inputs; i++) sum += row[i] * input[i];
            output[o] = Relu ? MathF.Max(0f, sum) : sum;
        }
    }
}
