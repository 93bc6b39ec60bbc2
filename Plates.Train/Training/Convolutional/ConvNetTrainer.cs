using System.Numerics.Tensors;
using Plates.Network;

namespace Plates.Train.Training.Convolutional;

/// <summary>Progress of network training: epochs finished, epochs in all, and the epoch's mean training loss.</summary>
public delegate void EpochProgress(int epoch, int epochs, double meanLoss);

/// <summary>
/// Trains a <see cref="ConvNet"/> by back-propagation: softmax cross-entropy, mini-batch AdamW, cosine decay, random
/// jitter per epoch. Written for the small character networks (20×20 input, two convolutions) on a CPU: convolutions run
/// as im2col products with vectorised rows, and each worker thread takes a fixed share of every batch.
/// </summary>
public static class ConvNetTrainer
{
    /// <param name="initial">Architecture and starting weights (not modified).</param>
    /// <param name="inputs">Training images, each Side² values in [0, 1], row-major.</param>
    /// <param name="labels">Class index of each image (0 ≤ label &lt; Classes).</param>
    public static ConvNet Train(ConvNet initial, IReadOnlyList<float[]> inputs, IReadOnlyList<int> labels, ConvNetTrainingOptions options, EpochProgress? progress = null)
    {
        if (inputs.Count != labels.Count)
            throw new ArgumentException($"{inputs.Count} inputs but {labels.Count} labels.", nameof(labels));
        if (inputs.Count == 0)
            throw new ArgumentException("No training images.", nameof(inputs));
        int inputSize = initial.InputSide * initial.InputSide;
        foreach (var input in inputs)
            if (input.Length != inputSize)
                throw new ArgumentException($"Every input must have {inputSize} values; one has {input.Length}.", nameof(inputs));
        foreach (int label in labels)
            if (label < 0 || label >= initial.Classes)
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"Labels must lie in [0, {initial.Classes}).");

        var parameters = Parameters.CopyOf(initial);
        int threads = Math.Clamp(options.Threads, 1, options.BatchSize);
        var workers = Enumerable.Range(0, threads).Select(_ => new Worker(initial)).ToArray();
        var random = new Random(options.Seed);
        int[] order = Enumerable.Range(0, inputs.Count).ToArray();
        int stepsPerEpoch = (inputs.Count + options.BatchSize - 1) / options.BatchSize;
        int totalSteps = stepsPerEpoch * options.Epochs, step = 0;
        var jitters = new ImageJitter[options.BatchSize];

        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double lossSum = 0;
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                int count = Math.Min(options.BatchSize, order.Length - start);
                // Drawn here, in batch order, so that the random stream does not depend on how threads are scheduled.
                for (int i = 0; i < count; i++) jitters[i] = options.Jitter ? ImageJitter.Draw(random) : ImageJitter.None;
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                {
                    var worker = workers[t];
                    worker.ClearGradients();
                    for (int i = t; i < count; i += threads)
                    {
                        int index = order[start + i];
                        jitters[i].Apply(inputs[index], initial.InputSide, worker.Input);
                        worker.Loss += worker.ForwardBackward(parameters, labels[index]);
                    }
                });
                for (int t = 0; t < threads; t++)
                {
                    lossSum += workers[t].Loss;
                    workers[t].Loss = 0;
                }
                float rate = options.LearningRate * 0.5f * (1 + MathF.Cos(MathF.PI * step / totalSteps));
                parameters.AdamWStep(workers, count, rate, options.WeightDecay, ++step);
            }
            progress?.Invoke(epoch + 1, options.Epochs, lossSum / order.Length);
        }
        return parameters.ToNetwork(initial);
    }

    /// <summary>
    /// The cross-entropy loss of one input and the gradients of every layer's weights and biases (null for pooling), as
    /// one training step computes them: lets tests compare back-propagation with finite differences.
    /// </summary>
    internal static (double Loss, float[]?[] WeightGradients, float[]?[] BiasGradients) Gradients(ConvNet network, float[] input, int label)
    {
        var parameters = Parameters.CopyOf(network);
        var worker = new Worker(network);
        worker.ClearGradients();
        input.CopyTo(worker.Input, 0);
        double loss = worker.ForwardBackward(parameters, label);
        return (loss, worker.WeightGradients, worker.BiasGradients);
    }

    /// <summary>Trainable weights and biases per layer (null for pooling), with AdamW's moment estimates.</summary>
    private sealed class Parameters
    {
        private const float Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;

        public float[]?[] Weights = [], Biases = [];
        private float[]?[] _weightMean = [], _weightSquare = [], _biasMean = [], _biasSquare = [];

        public static Parameters CopyOf(ConvNet network)
        {
            int n = network.Layers.Count;
            var p = new Parameters
            {
                Weights = new float[]?[n], Biases = new float[]?[n],
                _weightMean = new float[]?[n], _weightSquare = new float[]?[n], _biasMean = new float[]?[n], _biasSquare = new float[]?[n],
            };
            for (int i = 0; i < n; i++)
            {
                (float[] w, float[] b)? wb = network.Layers[i] switch
                {
                    ConvolutionLayer c => (c.Weights, c.Bias),
                    DenseLayer d => (d.Weights, d.Bias),
                    _ => null,
                };
                if (wb is not { } pair) continue;
                p.Weights[i] = (float[])pair.w.Clone();
                p.Biases[i] = (float[])pair.b.Clone();
                p._weightMean[i] = new float[pair.w.Length];
                p._weightSquare[i] = new float[pair.w.Length];
                p._biasMean[i] = new float[pair.b.Length];
                p._biasSquare[i] = new float[pair.b.Length];
            }
            return p;
        }

        public void AdamWStep(Worker[] workers, int batchCount, float rate, float weightDecay, int step)
        {
            float correction1 = 1 - MathF.Pow(Beta1, step), correction2 = 1 - MathF.Pow(Beta2, step);
            for (int i = 0; i < Weights.Length; i++)
            {
                if (Weights[i] is null) continue;
                Update(Weights[i]!, _weightMean[i]!, _weightSquare[i]!, workers, w => w.WeightGradients[i]!, weightDecay);
                Update(Biases[i]!, _biasMean[i]!, _biasSquare[i]!, workers, w => w.BiasGradients[i]!, 0f);
            }

            void Update(float[] values, float[] mean, float[] square, Worker[] from, Func<Worker, float[]> gradientsOf, float decay)
            {
                var first = gradientsOf(from[0]);
                for (int t = 1; t < from.Length; t++) TensorPrimitives.Add(first, gradientsOf(from[t]), first);
                float scale = 1f / batchCount;
                for (int k = 0; k < values.Length; k++)
                {
                    float g = first[k] * scale;
                    mean[k] = Beta1 * mean[k] + (1 - Beta1) * g;
                    square[k] = Beta2 * square[k] + (1 - Beta2) * g * g;
                    float adam = mean[k] / correction1 / (MathF.Sqrt(square[k] / correction2) + Epsilon);
                    values[k] -= rate * (adam + decay * values[k]);
                }
            }
        }

        public ConvNet ToNetwork(ConvNet architecture) => new(architecture.InputSide, architecture.Layers.Select((layer, i) => layer switch
        {
            ConvolutionLayer c => c with { Weights = (float[])Weights[i]!.Clone(), Bias = (float[])Biases[i]!.Clone() },
            DenseLayer d => (NetworkLayer)(d with { Weights = (float[])Weights[i]!.Clone(), Bias = (float[])Biases[i]!.Clone() }),
            _ => layer,
        }).ToArray());
    }

    /// <summary>One thread's buffers: activations, im2col matrices, pooling choices and gradient sums for its share of a batch.</summary>
    private sealed class Worker
    {
        private readonly ConvNet _network;
        private readonly TensorShape[] _inShapes, _outShapes;
        private readonly float[][] _outputs, _outputGradients;
        private readonly float[]?[] _columns, _columnGradients;
        private readonly int[]?[] _poolSources;

        public readonly float[] Input;
        public readonly float[]?[] WeightGradients, BiasGradients;
        public double Loss;

        public Worker(ConvNet network)
        {
            _network = network;
            int n = network.Layers.Count;
            Input = new float[network.InputSide * network.InputSide];
            _inShapes = new TensorShape[n];
            _outShapes = new TensorShape[n];
            _outputs = new float[n][];
            _outputGradients = new float[n][];
            _columns = new float[]?[n];
            _columnGradients = new float[]?[n];
            _poolSources = new int[]?[n];
            WeightGradients = new float[]?[n];
            BiasGradients = new float[]?[n];
            var shape = new TensorShape(1, network.InputSide, network.InputSide);
            for (int i = 0; i < n; i++)
            {
                var layer = network.Layers[i];
                _inShapes[i] = shape;
                _outShapes[i] = shape = layer.OutputShape(shape);
                _outputs[i] = new float[shape.Size];
                _outputGradients[i] = new float[shape.Size];
                switch (layer)
                {
                    case ConvolutionLayer c:
                        int columnSize = c.InChannels * c.Kernel * c.Kernel * shape.Height * shape.Width;
                        _columns[i] = new float[columnSize];
                        _columnGradients[i] = new float[columnSize];
                        WeightGradients[i] = new float[c.Weights.Length];
                        BiasGradients[i] = new float[c.Bias.Length];
                        break;
                    case DenseLayer d:
                        WeightGradients[i] = new float[d.Weights.Length];
                        BiasGradients[i] = new float[d.Bias.Length];
                        break;
                    case MaxPoolLayer:
                        _poolSources[i] = new int[shape.Size];
                        break;
                }
            }
        }

        public void ClearGradients()
        {
            foreach (var g in WeightGradients) g?.AsSpan().Clear();
            foreach (var g in BiasGradients) g?.AsSpan().Clear();
        }

        /// <summary>Forward pass on <see cref="Input"/>, then adds this sample's gradients; returns its cross-entropy loss.</summary>
        public double ForwardBackward(Parameters p, int label)
        {
            int n = _network.Layers.Count;
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<float> input = i == 0 ? Input : _outputs[i - 1];
                switch (_network.Layers[i])
                {
                    case ConvolutionLayer c: ConvolutionForward(c, i, input, p.Weights[i]!, p.Biases[i]!); break;
                    case DenseLayer d: DenseForward(d, input, _outputs[i], p.Weights[i]!, p.Biases[i]!); break;
                    case MaxPoolLayer: PoolForward(_inShapes[i], _outShapes[i], input, _outputs[i], _poolSources[i]!); break;
                }
            }

            // Softmax cross-entropy: the gradient at the logits is probability minus one-hot.
            float[] logits = _outputs[n - 1], gradient = _outputGradients[n - 1];
            float max = TensorPrimitives.Max(logits);
            double sum = 0;
            for (int k = 0; k < logits.Length; k++) sum += gradient[k] = MathF.Exp(logits[k] - max);
            for (int k = 0; k < logits.Length; k++) gradient[k] = (float)(gradient[k] / sum);
            double loss = -Math.Log(Math.Max(gradient[label], 1e-12f));
            gradient[label] -= 1f;

            for (int i = n - 1; i >= 0; i--)
            {
                ReadOnlySpan<float> input = i == 0 ? Input : _outputs[i - 1];
                Span<float> inputGradient = i == 0 ? Span<float>.Empty : _outputGradients[i - 1];
                switch (_network.Layers[i])
                {
                    case ConvolutionLayer c: ConvolutionBackward(c, i, inputGradient, p.Weights[i]!); break;
                    case DenseLayer d: DenseBackward(d, i, input, inputGradient, p.Weights[i]!); break;
                    case MaxPoolLayer:
                        inputGradient.Clear();
                        var sources = _poolSources[i]!;
                        var g = _outputGradients[i];
                        for (int k = 0; k < g.Length; k++) inputGradient[sources[k]] += g[k];
                        break;
                }
            }
            return loss;
        }

        private void ConvolutionForward(ConvolutionLayer c, int i, ReadOnlySpan<float> input, float[] weights, float[] bias)
        {
            var inShape = _inShapes[i];
            var outShape = _outShapes[i];
            int positions = outShape.Height * outShape.Width, taps = c.InChannels * c.Kernel * c.Kernel;
            float[] columns = _columns[i]!;
            ToColumns(c, inShape, outShape, input, columns);
            float[] output = _outputs[i];
            for (int oc = 0; oc < c.OutChannels; oc++)
            {
                Span<float> row = output.AsSpan(oc * positions, positions);
                row.Fill(bias[oc]);
                for (int k = 0; k < taps; k++)
                    TensorPrimitives.MultiplyAdd(columns.AsSpan(k * positions, positions), weights[oc * taps + k], row, row);
                TensorPrimitives.Max(row, 0f, row);
            }
        }

        private void ConvolutionBackward(ConvolutionLayer c, int i, Span<float> inputGradient, float[] weights)
        {
            var outShape = _outShapes[i];
            int positions = outShape.Height * outShape.Width, taps = c.InChannels * c.Kernel * c.Kernel;
            float[] columns = _columns[i]!, output = _outputs[i], gradient = _outputGradients[i];
            float[] weightGradient = WeightGradients[i]!, biasGradient = BiasGradients[i]!;
            for (int k = 0; k < gradient.Length; k++) if (output[k] <= 0f) gradient[k] = 0f;
            for (int oc = 0; oc < c.OutChannels; oc++)
            {
                ReadOnlySpan<float> row = gradient.AsSpan(oc * positions, positions);
                biasGradient[oc] += TensorPrimitives.Sum(row);
                for (int k = 0; k < taps; k++)
                    weightGradient[oc * taps + k] += TensorPrimitives.Dot(row, columns.AsSpan(k * positions, positions));
            }
            if (inputGradient.IsEmpty) return;
            float[] columnGradient = _columnGradients[i]!;
            Array.Clear(columnGradient);
            for (int oc = 0; oc < c.OutChannels; oc++)
            {
                ReadOnlySpan<float> row = gradient.AsSpan(oc * positions, positions);
                for (int k = 0; k < taps; k++)
                {
                    Span<float> target = columnGradient.AsSpan(k * positions, positions);
                    TensorPrimitives.MultiplyAdd(row, weights[oc * taps + k], target, target);
                }
            }
            FromColumns(c, _inShapes[i], outShape, columnGradient, inputGradient);
        }

        /// <summary>im2col: row (ic, ky, kx) holds, for every output position, the input value under that tap (0 in the padding).</summary>
        private static void ToColumns(ConvolutionLayer c, TensorShape inShape, TensorShape outShape, ReadOnlySpan<float> input, Span<float> columns)
        {
            int positions = outShape.Height * outShape.Width, pad = c.Padding;
            for (int ic = 0; ic < c.InChannels; ic++)
                for (int ky = 0; ky < c.Kernel; ky++)
                    for (int kx = 0; kx < c.Kernel; kx++)
                    {
                        Span<float> row = columns.Slice(((ic * c.Kernel + ky) * c.Kernel + kx) * positions, positions);
                        for (int y = 0; y < outShape.Height; y++)
                        {
                            int sy = y + ky - pad;
                            Span<float> line = row.Slice(y * outShape.Width, outShape.Width);
                            if (sy < 0 || sy >= inShape.Height) { line.Clear(); continue; }
                            ReadOnlySpan<float> source = input.Slice((ic * inShape.Height + sy) * inShape.Width, inShape.Width);
                            for (int x = 0; x < outShape.Width; x++)
                            {
                                int sx = x + kx - pad;
                                line[x] = sx < 0 || sx >= inShape.Width ? 0f : source[sx];
                            }
                        }
                    }
        }

        /// <summary>col2im: adds every tap's gradient back onto the input position it was read from.</summary>
        private static void FromColumns(ConvolutionLayer c, TensorShape inShape, TensorShape outShape, ReadOnlySpan<float> columns, Span<float> inputGradient)
        {
            inputGradient.Clear();
            int positions = outShape.Height * outShape.Width, pad = c.Padding;
            for (int ic = 0; ic < c.InChannels; ic++)
                for (int ky = 0; ky < c.Kernel; ky++)
                    for (int kx = 0; kx < c.Kernel; kx++)
                    {
                        ReadOnlySpan<float> row = columns.Slice(((ic * c.Kernel + ky) * c.Kernel + kx) * positions, positions);
                        for (int y = 0; y < outShape.Height; y++)
                        {
                            int sy = y + ky - pad;
                            if (sy < 0 || sy >= inShape.Height) continue;
                            Span<float> target = inputGradient.Slice((ic * inShape.Height + sy) * inShape.Width, inShape.Width);
                            for (int x = 0; x < outShape.Width; x++)
                            {
                                int sx = x + kx - pad;
                                if (sx >= 0 && sx < inShape.Width) target[sx] += row[y * outShape.Width + x];
                            }
                        }
                    }
        }

        private static void DenseForward(DenseLayer d, ReadOnlySpan<float> input, Span<float> output, float[] weights, float[] bias)
        {
            for (int o = 0; o < d.Outputs; o++)
            {
                float sum = bias[o] + TensorPrimitives.Dot(weights.AsSpan(o * d.Inputs, d.Inputs), input);
                output[o] = d.Relu ? MathF.Max(0f, sum) : sum;
            }
        }

        private void DenseBackward(DenseLayer d, int i, ReadOnlySpan<float> input, Span<float> inputGradient, float[] weights)
        {
            float[] output = _outputs[i], gradient = _outputGradients[i];
            float[] weightGradient = WeightGradients[i]!, biasGradient = BiasGradients[i]!;
            if (d.Relu)
                for (int k = 0; k < gradient.Length; k++) if (output[k] <= 0f) gradient[k] = 0f;
            if (!inputGradient.IsEmpty) inputGradient.Clear();
            for (int o = 0; o < d.Outputs; o++)
            {
                float g = gradient[o];
                if (g == 0f) continue;
                biasGradient[o] += g;
                Span<float> row = weightGradient.AsSpan(o * d.Inputs, d.Inputs);
                TensorPrimitives.MultiplyAdd(input, g, row, row);
                if (!inputGradient.IsEmpty)
                    TensorPrimitives.MultiplyAdd(weights.AsSpan(o * d.Inputs, d.Inputs), g, inputGradient, inputGradient);
            }
        }

        private static void PoolForward(TensorShape inShape, TensorShape outShape, ReadOnlySpan<float> input, Span<float> output, int[] sources)
        {
            for (int ch = 0; ch < outShape.Channels; ch++)
                for (int y = 0; y < outShape.Height; y++)
                    for (int x = 0; x < outShape.Width; x++)
                    {
                        int at = (ch * inShape.Height + 2 * y) * inShape.Width + 2 * x;
                        int best = at;
                        foreach (int candidate in (ReadOnlySpan<int>)[at + 1, at + inShape.Width, at + inShape.Width + 1])
                            if (input[candidate] > input[best]) best = candidate;
                        int o = (ch * outShape.Height + y) * outShape.Width + x;
                        output[o] = input[best];
                        sources[o] = best;
                    }
        }
    }
}
