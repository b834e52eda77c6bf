namespace Flatness.Cli.Tests.Cluster;

/// <summary>docs/cluster/slurm-array.sh, run as written: a Slurm job array simulated by concurrent tasks with the
/// variables Slurm sets, the published binary, then the script's merge step.</summary>
public class SlurmArrayScriptTests
{
    /// <summary>Quick claims covering the natives: A-24 proves with Z3 (the libz3.so shim), A-05 draws a figure (Skia,
    /// fonts); their dependencies come along (9 claims, 18 work units at 2 seeds).</summary>
    private static readonly string[] Selection = ["A-05", "A-21", "A-24", "B-15", "--seeds", "2", "--seed", "11"];

    private static string Script => Path.Combine(Published.RepositoryRoot, "docs", "cluster", "slurm-array.sh");

    private static Dictionary<string, string> Array(int id, int count, int min = 1, int step = 1) => new()
    {
        ["SLURM_ARRAY_TASK_ID"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SLURM_ARRAY_TASK_COUNT"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SLURM_ARRAY_TASK_MIN"] = min.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SLURM_ARRAY_TASK_STEP"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Test]
    public void ThreeConcurrentArrayTasks_OnThePublishedBinary_MergeToTheUnshardedRun_ByteForByte()
    {
        // The submission folder of a cluster: dist/ from the publish step, nothing else (no sources, no obj/).
        string job = Published.NewFolder("slurm");
        Published.CopyDistTo(job);
        var tasks = Enumerable.Range(1, 3).Select(i => Published.Start("bash", [Script, .. Selection], job, Array(i, 3))).ToList();
        var results = tasks.Select(t => Published.Wait(t, TimeSpan.FromMinutes(4))).ToList();
        for (int i = 0; i < 3; i++)
        {
            Assert.That(results[i].Code, Is.EqualTo(0), $"task {i + 1}: {results[i].Err}");
            Assert.That(results[i].Out, Does.Contain($"shard {i + 1}/3:"), "each task ran its own shard");
        }
        var merge = Published.Run("bash", [Script, "merge"], job, TimeSpan.FromMinutes(2));
        Assert.That(merge.Code, Is.EqualTo(0), merge.Err);
        Assert.That(merge.Out, Does.Contain("merged 3 shards"));
        var plain = Published.Run("dotnet", [Path.Combine(job, "dist", "flatness.dll"), "check", .. Selection, "--out", "plain"], job, TimeSpan.FromMinutes(4));
        Assert.That(plain.Code, Is.EqualTo(0), plain.Err);

        var expected = Published.Files(Path.Combine(job, "plain"));
        var merged = Published.Files(Path.Combine(job, "reports"));
        Assert.That(merged.Keys, Is.EqualTo(expected.Keys));
        Assert.That(expected.Keys, Has.Some.StartsWith("figures/").And.Some.EqualTo("results.json"));
        foreach (var (rel, bytes) in expected) Assert.That(merged[rel], Is.EqualTo(bytes), rel);
        Assert.That(Directory.EnumerateDirectories(job, "obj", SearchOption.AllDirectories), Is.Empty, "no task built anything");
    }

    [TestCase(0, 0, 1, "1/3")]     // --array=0-2
    [TestCase(2, 0, 1, "3/3")]
    [TestCase(5, 1, 2, "3/3")]     // --array=1-5:2
    [TestCase(3, 1, 1, "3/3")]     // --array=1-3 (what the script's header submits)
    public void ArrayIndex_MapsToShard_WhateverTheFirstIndexAndStep(int id, int min, int step, string shard)
    {
        // A stand-in `dotnet` on PATH prints its arguments: the script's arithmetic without running any claim.
        string job = Stub();
        var r = Published.Run("bash", [Script, "A-05"], job, TimeSpan.FromSeconds(30), Env(job, Array(id, 3, min, step)));
        Assert.That(r.Code, Is.EqualTo(0), r.Err);
        Assert.That(r.Out.Trim(), Is.EqualTo($"dist/flatness.dll check A-05 --shard {shard} --out shards/{shard[..1]}"));
    }

    [Test]
    public void DefaultArguments_AreThePaperProfileAtFiveSeeds_AndMergeTakesEveryShardFolder()
    {
        string job = Stub();
        var task = Published.Run("bash", [Script], job, TimeSpan.FromSeconds(30), Env(job, Array(2, 16)));
        Assert.That(task.Out.Trim(), Is.EqualTo("dist/flatness.dll check --profile paper --seeds 5 --shard 2/16 --out shards/2"), task.Err);
        Directory.CreateDirectory(Path.Combine(job, "shards", "1"));
        Directory.CreateDirectory(Path.Combine(job, "shards", "2"));
        var merge = Published.Run("bash", [Script, "merge"], job, TimeSpan.FromSeconds(30), Env(job, []));
        Assert.That(merge.Out.Trim(), Is.EqualTo("dist/flatness.dll merge shards/1/ shards/2/ --out reports"), merge.Err);
        var publish = Published.Run("bash", [Script, "publish"], job, TimeSpan.FromSeconds(30), Env(job, []));
        Assert.That(publish.Out.Trim(), Is.EqualTo("publish src/Cli -c Release -o dist -nologo"), publish.Err);
    }

    [TestCase(4, 1, 1, "outside 1..3")]   // a fourth task of a 3-task array
    [TestCase(2, 1, 2, "not on the range")]
    public void BadArrayIndex_Exit2_RunsNothing(int id, int min, int step, string expected)
    {
        string job = Stub();
        var r = Published.Run("bash", [Script], job, TimeSpan.FromSeconds(30), Env(job, Array(id, 3, min, step)));
        Assert.Multiple(() =>
        {
            Assert.That(r.Code, Is.EqualTo(2));
            Assert.That(r.Out, Is.Empty);
            Assert.That(r.Err, Does.Contain(expected));
        });
    }

    [Test]
    public void WithoutAPublishedBinary_ATaskSaysToPublishFirst()
    {
        string job = Published.NewFolder("nodist");
        var r = Published.Run("bash", [Script], job, TimeSpan.FromSeconds(30), Array(1, 3));
        Assert.That(r.Code, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("slurm-array.sh publish"));
    }

    /// <summary>A job folder with an empty dist/flatness.dll and a stand-in dotnet that echoes its arguments.</summary>
    private static string Stub()
    {
        string job = Published.NewFolder("stub");
        Directory.CreateDirectory(Path.Combine(job, "dist"));
        File.WriteAllText(Path.Combine(job, "dist", "flatness.dll"), "");
        Directory.CreateDirectory(Path.Combine(job, "bin"));
        string dotnet = Path.Combine(job, "bin", "dotnet");
        File.WriteAllText(dotnet, "#!/bin/sh\necho \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return job;
    }

    private static Dictionary<string, string> Env(string job, Dictionary<string, string> slurm) =>
        new(slurm) { ["PATH"] = Path.Combine(job, "bin") + ":" + Environment.GetEnvironmentVariable("PATH") };
}
