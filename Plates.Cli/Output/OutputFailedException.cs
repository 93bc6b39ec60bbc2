namespace Plates.Cli.Output;

/// <summary>
/// Standard output could not be written (a full disk, a closed pipe). Not an <see cref="IOException"/>, so that no
/// per-file handler takes it for a problem with one photo: the batch stops, since nothing more can be delivered.
/// </summary>
public sealed class OutputFailedException(string message, Exception inner) : Exception(message, inner);
