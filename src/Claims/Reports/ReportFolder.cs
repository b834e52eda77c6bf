using System.Text;

namespace Flatness.Claims.Reports;

/// <summary>All-or-nothing writes of a set of files into a report folder, under an exclusive lock.</summary>
/// <remarks>
/// <para><b>Lock.</b> <see cref="Lock"/> opens <c>.flatness.lock</c> in the folder with <see cref="FileShare.None"/>
/// (an exclusive <c>flock</c> on Unix, released by the kernel when the process dies, so a killed run never leaves a
/// stale lock). A second writer waits for it; the read–merge–write of results.json therefore never interleaves and two
/// runs into one folder cannot lose each other's entries.</para>
/// <para><b>Stage, swap, roll back.</b> <see cref="Commit"/> writes every file into the sibling staging folder
/// <c>.staging-ID</c> first (a failure there leaves the reports untouched). It then swaps file by file: it appends the
/// file's name to the journal <c>.backup-ID/.journal</c>, moves the current file (if any) into <c>.backup-ID</c>, and
/// renames the staged file into place (renames within one file system are atomic). If any step fails, the swapped files
/// are rolled back from the backup. A run killed in the middle leaves the journal; the next writer's
/// <see cref="Recover"/> rolls that run back the same way (a journaled file with a backup is restored; one without a
/// backup that is no longer staged was new and is removed) and deletes every leftover staging and backup folder.</para>
/// </remarks>
public static class ReportFolder
{
    private const string RemovalMark = "-";

    /// <summary>The lock file's name.</summary>
    public const string LockFileName = ".flatness.lock";

    private const string StagingPrefix = ".staging-";
    private const string BackupPrefix = ".backup-";
    private const string JournalName = ".journal";

    /// <summary>Test hook: called with each relative path just before its staged file is renamed into place.</summary>
    internal static Action<string>? BeforeSwap { get; set; }

    /// <summary>Takes the folder's exclusive lock, waiting up to <paramref name="timeout"/> for another writer.</summary>
    /// <exception cref="IOException">The lock is still held after the timeout, or the folder cannot be written.</exception>
    public static IDisposable Lock(string directory, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, LockFileName);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(path))
            {
                Thread.Sleep(50);
            }
            catch (IOException) when (File.Exists(path))
            {
                throw new IOException($"another run is writing reports into {directory} (waited {timeout.TotalSeconds:F0} s for its lock)");
            }
        }
    }

    /// <summary>Rolls back a run that was killed while swapping and removes every leftover staging or backup folder.
    /// Call it while holding <see cref="Lock"/>.</summary>
    public static void Recover(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory)) return;
        foreach (string backup in Directory.EnumerateDirectories(directory, BackupPrefix + "*").ToList())
        {
            string id = Path.GetFileName(backup)[BackupPrefix.Length..];
            string staging = Path.Combine(directory, StagingPrefix + id);
            string journal = Path.Combine(backup, JournalName);
            var entries = File.Exists(journal) ? File.ReadAllLines(journal).Where(l => l.Length > 0).ToList() : [];
            var done = new List<(string, bool)>();
            foreach (string entry in entries)
            {
                if (entry.StartsWith(RemovalMark, StringComparison.Ordinal))
                {
                    // A journaled removal: restore the file if it had already moved into the backup.
                    string removed = entry[RemovalMark.Length..];
                    if (File.Exists(Path.Combine(backup, removed))) done.Add((removed, true));
                    continue;
                }
                string relative = entry;
                bool hadBackup = File.Exists(Path.Combine(backup, relative));
                bool swappedIn = !File.Exists(Path.Combine(staging, relative));
                if (hadBackup || swappedIn) done.Add((relative, hadBackup));
            }
            RollBack(directory, backup, done);
            DeleteFolder(backup);
        }
        foreach (string staging in Directory.EnumerateDirectories(directory, StagingPrefix + "*").ToList()) DeleteFolder(staging);
    }

    /// <summary>Writes the files (relative path → UTF-8 text) and removes the files named in <paramref name="remove"/>, all
    /// or nothing. Call it while holding <see cref="Lock"/>.</summary>
    /// <exception cref="IOException">A file could not be staged, swapped or removed; every file is then as it was before.</exception>
    public static void Commit(string directory, IReadOnlyDictionary<string, string> files, IReadOnlyCollection<string>? remove = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(files);
        string id = $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..24];
        string staging = Path.Combine(directory, StagingPrefix + id);
        string backup = Path.Combine(directory, BackupPrefix + id);
        var encoding = new UTF8Encoding(false);
        try
        {
            foreach (var (relative, content) in files)
            {
                string path = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, content, encoding);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DeleteFolder(staging);
            throw new IOException($"cannot stage the reports ({Describe(ex)}); nothing was replaced", ex);
        }
        Directory.CreateDirectory(backup);
        string journal = Path.Combine(backup, JournalName);
        var done = new List<(string Relative, bool HadBackup)>();
        try
        {
            foreach (string relative in files.Keys)
            {
                string target = Path.Combine(directory, relative);
                File.AppendAllText(journal, relative + "\n", encoding);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                bool had = File.Exists(target);
                if (had)
                {
                    string saved = Path.Combine(backup, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
                    File.Move(target, saved);
                }
                done.Add((relative, had));
                BeforeSwap?.Invoke(relative);
                File.Move(Path.Combine(staging, relative), target);
            }
            // A removal is a swap with nothing: the file moves into the backup (journaled with a leading '-').
            foreach (string relative in remove ?? [])
            {
                string target = Path.Combine(directory, relative);
                if (!File.Exists(target)) continue;
                File.AppendAllText(journal, RemovalMark + relative + "\n", encoding);
                string saved = Path.Combine(backup, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
                BeforeSwap?.Invoke(relative);
                File.Move(target, saved);
                done.Add((relative, true));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RollBack(directory, backup, done);
            DeleteFolder(backup);
            DeleteFolder(staging);
            throw new IOException($"cannot write the reports ({Describe(ex)}); the previous reports were restored", ex);
        }
        DeleteFolder(backup);
        DeleteFolder(staging);
    }

    private static void RollBack(string directory, string backup, List<(string Relative, bool HadBackup)> done)
    {
        for (int k = done.Count - 1; k >= 0; k--)
        {
            var (relative, hadBackup) = done[k];
            string target = Path.Combine(directory, relative);
            if (hadBackup) File.Move(Path.Combine(backup, relative), target, overwrite: true);
            else if (File.Exists(target)) File.Delete(target);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "a folder does not exist",
        _ => ex.Message.Contains('/') ? "input/output error" : ex.Message,
    };

    private static void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
