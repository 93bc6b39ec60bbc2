namespace Plates.Tests.TestSupport;

/// <summary>
/// Tests of what happens when a file or folder may not be read or written. Root ignores permissions, so there these
/// tests end inconclusive with the reason; <c>scripts/nonroot-checks.sh</c> runs them (<see cref="Category"/>) as an
/// unprivileged user.
/// </summary>
public static class Permissions
{
    public const string Category = "Permissions";

    /// <summary>
    /// Sets <paramref name="path"/>'s mode to <paramref name="mode"/> and restores it when disposed, so the test folder
    /// can be deleted. Ends the test inconclusive when the mode is not enforced (running as root).
    /// </summary>
    public static IDisposable Deny(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Unix file modes are not enforced on Windows.");
            throw new System.Diagnostics.UnreachableException();
        }
        var before = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, mode);
        var restore = new Restore(path, before);
        if (!Enforced(path, mode))
        {
            restore.Dispose();
            Assert.Inconclusive($"Running as {Environment.UserName}: file permissions are not enforced, so this case cannot be made here. Run scripts/nonroot-checks.sh to check it as an unprivileged user.");
        }
        return restore;
    }

    /// <summary>Whether the folder now refuses what <paramref name="mode"/> leaves out: listing (no read) or a new file (no write).</summary>
    private static bool Enforced(string folder, UnixFileMode mode)
    {
        try
        {
            if (!mode.HasFlag(UnixFileMode.UserRead)) Directory.GetFiles(folder);
            if (!mode.HasFlag(UnixFileMode.UserWrite))
            {
                string probe = Path.Combine(folder, Guid.NewGuid().ToString("N"));
                File.WriteAllBytes(probe, []);
                File.Delete(probe);
            }
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class Restore(string path, UnixFileMode mode) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            File.SetUnixFileMode(path, mode);
        }
    }
}
