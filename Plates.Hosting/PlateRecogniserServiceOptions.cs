using Plates.Consume.Recognition;

namespace Plates.Hosting;

/// <summary>
/// Settings of the shared <see cref="PlateRecogniser"/> that <see cref="PlateRecogniserServiceCollectionExtensions.AddPlateRecogniser(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{PlateRecogniserServiceOptions}?)"/>
/// registers; bound from configuration as <c>{ "ModelsFolder": "...", "Recogniser": { "MaxPixels": ... } }</c>.
/// </summary>
public sealed class PlateRecogniserServiceOptions
{
    /// <summary>Folder holding province.zip, city.zip and alnum.zip; null for the shipped models beside the application.</summary>
    public string? ModelsFolder { get; set; }

    /// <summary>The recogniser's own settings; the defaults are those the README's figures were measured with.</summary>
    public RecogniserOptions Recogniser { get; set; } = new();

    /// <summary>
    /// Stop the application when the models cannot be loaded (the default): a process that can never read a plate
    /// should exit and be restarted or reported rather than stay up unready. When false it stays up and the health
    /// check reports the error.
    /// </summary>
    public bool StopApplicationWhenLoadingFails { get; set; } = true;
}
