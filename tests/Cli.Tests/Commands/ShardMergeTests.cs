using System.Diagnostics;

namespace Flatness.Cli.Tests.Commands;

/// <summary>check --shard i/N in N separate processes, then merge, gives the unsharded run's reports byte for byte.</summary>
public class ShardMergeTests
{
    private static readonly string[] Selection = ["A-05", "A-21", "B-15"];

    [Test]
    public void ThreeShards_AsThreeProcesses_MergeToTheUnshardedReports_ByteForByte()
    {
        using var cli = new CliRunner();
        var shards = new List<string>();
        var processes = new List<Process>();
        for (int i = 1; i <= 3; i++)
        {
            string dir = Path.Combine(cli.Folder, $"shard{i}");
            shards.Add(dir);
            processes.Add(Start([.. "check".Split(' '), .. Selection, "--seeds", "2", "--seed", "11", "--shard", $"{i}/3", "--out", dir]));
        }
        foreach (var p in processes)
        {
            Assert.That(p.WaitForExit(TimeSpan.FromMinutes(5)), Is.True, "a shard process did not finish");
            Assert.That(p.ExitCode, Is.EqualTo(0), p.StandardError.ReadToEnd());
            p.Dispose();
        }
        string merged = Path.Combine(cli.Folder, "merged"), plain = Path.Combine(cli.Folder, "plain");
        var (code, output, err) = cli.Run(["merge", .. shards, "--out", merged]);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(output, Does.Contain("merged 3 shards"));
        Assert.That(cli.Run(["check", .. Selection, "--seeds", "2", "--seed", "11", "--out", plain]).Code, Is.EqualTo(0));
        var expected = Files(plain);
        Assert.That(Files(merged).Keys, Is.EqualTo(expected.Keys));
        foreach (var (rel, bytes) in expected) Assert.That(Files(merged)[rel], Is.EqualTo(bytes), rel);
    }

    [Test]
    public void Merge_MissingRepeatedOrForeignShards_AndBadShardSpecs_ExitTwo_NothingWritten()
    {
        using var cli = new CliRunner();
        string s1 = Path.Combine(cli.Folder, "s1"), s2 = Path.Combine(cli.Folder, "s2"), other = Path.Combine(cli.Folder, "other");
        Assert.That(cli.Run("check", "A-05", "--shard", "1/2", "--out", s1).Code, Is.EqualTo(0));
        Assert.That(cli.Run("check", "A-05", "--shard", "2/2", "--out", s2).Code, Is.EqualTo(0));
        Assert.That(cli.Run("check", "A-05", "--seed", "3", "--shard", "2/2", "--out", other).Code, Is.EqualTo(0));
        string outDir = Path.Combine(cli.Folder, "out");
        foreach (var args in new[]
        {
            new[] { "merge", s1, "--out", outDir },                 // shard 2/2 missing
            new[] { "merge", s1, s1, "--out", outDir },             // repeated
            new[] { "merge", s1, other, "--out", outDir },          // another run (seed)
            new[] { "merge", s1, cli.Folder, "--out", outDir },     // not a shard folder
        })
        {
            var (code, output, err) = cli.Run(args);
            Assert.That(code, Is.EqualTo(2), string.Join(' ', args) + err);
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.StartWith("error: "));
            Assert.That(File.Exists(Path.Combine(outDir, "results.json")), Is.False);
        }
        foreach (var spec in new[] { "0/3", "4/3", "x", "1/0", "1/2/3" })
        {
            var (code, output, err) = cli.Run("check", "A-05", "--shard", spec, "--out", Path.Combine(cli.Folder, "bad"));
            Assert.That(code, Is.EqualTo(2), spec);
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("i/N"));
        }
        // A shard refuses a folder that holds other things (e.g. real reports).
        string reports = Path.Combine(cli.Folder, "reports");
        cli.Run("check", "A-05", "--out", reports);
        Assert.That(cli.Run("check", "A-05", "--shard", "1/2", "--out", reports).Code, Is.EqualTo(2));
        // An interrupted shard's folder (only its saved training runs under runs/) is accepted, so the shard can be restarted
        // in place; a runs file beside it is not.
        string interrupted = Path.Combine(cli.Folder, "interrupted");
        Directory.CreateDirectory(Path.Combine(interrupted, "runs"));
        Assert.That(cli.Run("check", "A-05", "--shard", "1/2", "--out", interrupted).Code, Is.EqualTo(0));
        string stray = Path.Combine(cli.Folder, "stray");
        Directory.CreateDirectory(stray);
        File.WriteAllText(Path.Combine(stray, "runs"), "not a folder");
        Assert.That(cli.Run("check", "A-05", "--shard", "1/2", "--out", stray).Code, Is.EqualTo(2));
    }

    private static SortedDictionary<string, byte[]> Files(string dir) => new(
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != Flatness.Claims.Reports.ShardReports.TimingFile)
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes), StringComparer.Ordinal);

    private static Process Start(string[] args)
    {
        // The CLI assembly sits beside the test assembly; run it as its own process with the same runtime.
        string dll = Path.Combine(AppContext.BaseDirectory, "flatness.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        return p;
    }
}
