using System.Diagnostics;

namespace Flatness.Cli.Tests.Cluster;

/// <summary>The CLI published the way docs/cluster/slurm-array.sh and the Dockerfile publish it, into a temporary
/// folder outside the repository, once per test run; and a runner for child processes (dotnet, bash).</summary>
/// <remarks>The scripts publish with <c>-c Release</c>; a Release build from scratch took 79 s on the 2-core machine,
/// more than the whole cluster test may take. The tests publish the configuration the solution was just built in with
/// <c>--no-build</c> (about 4 s): the same publish step and the same folder layout (assemblies, deps.json, libz3.so, the
/// Skia and HarfBuzz natives; the file lists of Debug and Release publishes were compared equal), only without
/// optimisation.</remarks>
internal static class Published
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    private static readonly Lazy<string> s_root = new(() =>
    {
        string root = Path.Combine(Path.GetTempPath(), "flatness-published-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    });

    /// <summary>Removes every folder of this class (run once after the cluster tests, by <see cref="PublishedCleanup"/>).</summary>
    public static void Cleanup()
    {
        if (!s_root.IsValueCreated) return;
        try { Directory.Delete(s_root.Value, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static readonly Lazy<string> s_dist = new(() =>
    {
        string dist = Path.Combine(s_root.Value, "dist");
        var r = Run("dotnet", ["publish", Path.Combine(RepositoryRoot, "src", "Cli"), "--no-build", "-c", Configuration, "-o", dist,
            "-nologo", "--disable-build-servers"], RepositoryRoot, TimeSpan.FromMinutes(3));
        if (r.Code != 0) throw new InvalidOperationException($"dotnet publish failed ({r.Code}):\n{r.Out}\n{r.Err}");
        return dist;
    });

    /// <summary>The repository root (the folder holding Flatness.Verify.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Flatness.Verify.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Flatness.Verify.sln not found above the test directory");
        }
    }

    /// <summary>The published folder (flatness.dll, its dependencies and natives), shared by the tests of one run.</summary>
    public static string Dist => s_dist.Value;

    /// <summary>A new empty folder beside <see cref="Dist"/>, removed after the cluster tests.</summary>
    public static string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(s_root.Value, name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>Copies <see cref="Dist"/> to <paramref name="folder"/>/dist, as a cluster's shared folder would hold it.</summary>
    public static void CopyDistTo(string folder)
    {
        string target = Path.Combine(folder, "dist");
        foreach (string file in Directory.EnumerateFiles(Dist, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(target, Path.GetRelativePath(Dist, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }

    /// <summary>Starts <paramref name="file"/> with <paramref name="args"/> in <paramref name="cwd"/>; the environment is
    /// this process's less the variables a test host sets for MSBuild, plus <paramref name="env"/>.</summary>
    public static Process Start(string file, IEnumerable<string> args, string cwd, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            psi.Environment.Remove(key);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (env is not null)
            foreach (var (k, v) in env) psi.Environment[k] = v;
        return Process.Start(psi)!;
    }

    /// <summary>Runs a process to completion (killed after <paramref name="timeout"/>) and returns its exit code and streams.</summary>
    public static (int Code, string Out, string Err) Run(string file, IEnumerable<string> args, string cwd, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? env = null) => Wait(Start(file, args, cwd, env), timeout);

    /// <summary>Waits for a started process, reading both streams so that neither pipe fills.</summary>
    public static (int Code, string Out, string Err) Wait(Process p, TimeSpan timeout)
    {
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout))
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
                return (-1, stdout.Result, stderr.Result + $"\n(killed after {timeout.TotalSeconds} s)");
            }
            p.WaitForExit();
            return (p.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>Every file under <paramref name="dir"/> by relative path, with its bytes.</summary>
    /// <remarks>The merge's timing file (<see cref="Flatness.Claims.Reports.ShardReports.TimingFile"/>) changes from run to run and
    /// is left out.</remarks>
    public static SortedDictionary<string, byte[]> Files(string dir) => new(
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != Flatness.Claims.Reports.ShardReports.TimingFile)
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes),
        StringComparer.Ordinal);
}

/// <summary>Removes the published folder and the tests' job folders once every test of this namespace has run (the
/// test host is not guaranteed to exit gracefully, so a process-exit handler would not do).</summary>
[SetUpFixture]
public sealed class PublishedCleanup
{
    [OneTimeTearDown]
    public void RemoveFolders() => Published.Cleanup();
}
