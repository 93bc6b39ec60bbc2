namespace Plates.Model.IO;

/// <summary>
/// New content complete on disk under a temporary name beside its target, not yet in place (see
/// <see cref="AtomicFile.Stage"/>). Keeping the rename apart lets a caller finish several files before replacing any.
/// </summary>
public sealed class StagedFile : IDisposable
{
    private bool _committed;
    private bool _disposed;

    private readonly IReadOnlyList<string> _createdFolders;

    internal StagedFile(string path, string temporaryPath, IReadOnlyList<string> createdFolders)
    {
        Path = path;
        TemporaryPath = temporaryPath;
        _createdFolders = createdFolders;
    }

    /// <summary>The target, as a full path.</summary>
    public string Path { get; }

    /// <summary>Where the new content is until <see cref="Commit"/>.</summary>
    public string TemporaryPath { get; }

    /// <summary>Renames the new content over the target.</summary>
    /// <exception cref="ObjectDisposedException">The file was disposed before being committed; its content is gone.</exception>
    /// <exception cref="IOException">The rename failed; the target is left as it was.</exception>
    public void Commit()
    {
        if (_committed) return;
        ObjectDisposedException.ThrowIf(_disposed, this);
        File.Move(TemporaryPath, Path, overwrite: true);
        _committed = true;
    }

    /// <summary>
    /// Deletes the temporary file unless it was committed, and the folders staging created for it when they are left
    /// empty (so a failed write leaves no empty report folder behind); safe to call twice.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_committed) return;
        AtomicFile.TryDelete(TemporaryPath);
        AtomicFile.TryDeleteEmpty(_createdFolders);
    }
}
