using Plates.Model.Features;
using Plates.Network;
using Plates.Train.Data;

namespace Plates.Train.Training.Convolutional;

/// <summary>Trains the character network on labelled images: decode to the pixels the saved model will feed it, then back-propagation.</summary>
public static class CharacterNetworkTrainer
{
    /// <param name="progress">Fraction of the epochs done.</param>
    public static ConvNet Train(IReadOnlyList<LabelledImage> images, ConvNetTrainingOptions options, Action<double>? progress = null)
    {
        var classes = images.Select(i => i.Label).Distinct().Order(StringComparer.Ordinal).ToList();
        var pixels = new float[images.Count][];
        var labels = new int[images.Count];
        for (int i = 0; i < images.Count; i++)
        {
            pixels[i] = new float[NetworkPixelsColumn.Length];
            NetworkPixelsFeaturizer.Scale(CharacterFeatures.DecodeToGrey(images[i].Bytes), pixels[i]);
            labels[i] = classes.IndexOf(images[i].Label);
        }
        var initial = ConvNetArchitecture.Create(CharacterFeatures.Side, classes.Count, options.Seed);
        return ConvNetTrainer.Train(initial, pixels, labels, options, (epoch, epochs, _) => progress?.Invoke(epoch / (double)epochs));
    }
}
