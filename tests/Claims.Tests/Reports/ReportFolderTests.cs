using Flatness.Claims.Reports;
using Flatness.Claims.Running;

namespace Flatness.Claims.Tests.Reports;

[NonParallelizable] // ReportFolder.BeforeSwap is a static test hook
public class ReportFolderTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder()
    {
        _dir = Path.Combine(Path.GetTempPath(), "flatness-report-folder-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "results.json"), "old results");
        Directory.CreateDirectory(Path.Combine(_dir, "claims"));
        File.WriteAllText(Path.Combine(_dir, "claims", "A-05.md"), "old page");
    }

    [TearDown]
    public void RemoveFolder()
    {
        ReportFolder.BeforeSwap = null;
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static Dictionary<string, string> NewFiles() => new()
    {
        ["claims/A-05.md"] = "new page",
        ["claims/A-21.md"] = "new file",
        ["results.json"] = "new results",
    };

    private Dictionary<string, string> Contents() => Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories)
        .Where(f => Path.GetFileName(f) != ReportFolder.LockFileName)
        .ToDictionary(f => Path.GetRelativePath(_dir, f).Replace('\\', '/'), File.ReadAllText);

    private static readonly Dictionary<string, string> Before = new() { ["claims/A-05.md"] = "old page", ["results.json"] = "old results" };

    [Test]
    public void Commit_ReplacesAndAddsEveryFile_LeavingNoStagingOrBackup()
    {
        ReportFolder.Commit(_dir, NewFiles());
        Assert.That(Contents(), Is.EqualTo(NewFiles()));
        Assert.That(Directory.EnumerateDirectories(_dir, ".*"), Is.Empty);
    }

    [TestCase("claims/A-05.md")]
    [TestCase("claims/A-21.md")]
    [TestCase("results.json")]
    public void Commit_FailingDuringTheSwap_RestoresEveryFile(string failAt)
    {
        ReportFolder.BeforeSwap = relative => { if (relative == failAt) throw new IOException("disk full"); };
        var ex = Assert.Throws<IOException>(() => ReportFolder.Commit(_dir, NewFiles()))!;
        Assert.That(ex.Message, Does.Contain("restored"));
        Assert.That(Contents(), Is.EqualTo(Before), "all or nothing: the old reports, no temp files");
        Assert.That(Directory.EnumerateDirectories(_dir, ".*"), Is.Empty);
    }

    [TestCase("claims/A-05.md")]
    [TestCase("claims/A-21.md")]
    [TestCase("results.json")]
    public void Recover_RollsBackARunKilledDuringTheSwap(string killedAt)
    {
        // An exception the commit does not handle stands for the process being killed: staging, backup and journal stay.
        ReportFolder.BeforeSwap = relative => { if (relative == killedAt) throw new OperationCanceledException("killed"); };
        Assert.Throws<OperationCanceledException>(() => ReportFolder.Commit(_dir, NewFiles()));
        Assert.That(Directory.EnumerateDirectories(_dir, ".*"), Is.Not.Empty, "the killed run left its folders");
        ReportFolder.BeforeSwap = null;
        ReportFolder.Recover(_dir);
        Assert.That(Contents(), Is.EqualTo(Before));
        Assert.That(Directory.EnumerateDirectories(_dir, ".*"), Is.Empty);
    }

    [Test]
    public void Commit_RemovesTheNamedFiles_InTheSameCommit()
    {
        ReportFolder.Commit(_dir, new Dictionary<string, string> { ["results.json"] = "new results" }, ["claims/A-05.md", "claims/absent.md"]);
        Assert.That(Contents(), Is.EqualTo(new Dictionary<string, string> { ["results.json"] = "new results" }));
        Assert.That(Directory.EnumerateDirectories(_dir, ".*"), Is.Empty);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void ARemoval_IsRolledBack_WhenTheCommitFails_OrTheRunIsKilled(bool killed)
    {
        // The removal comes after every write; fail (or die) right at it.
        ReportFolder.BeforeSwap = relative =>
        {
            if (relative == "claims/A-05.md") throw killed ? new OperationCanceledException("killed") : new IOException("disk full");
        };
        var files = new Dictionary<string, string> { ["results.json"] = "new results", ["claims/A-21.md"] = "new file" };
        if (killed)
        {
            Assert.Throws<OperationCanceledException>(() => ReportFolder.Commit(_dir, files, ["claims/A-05.md"]));
            ReportFolder.BeforeSwap = null;
            ReportFolder.Recover(_dir);
        }
        else Assert.Throws<IOException>(() => ReportFolder.Commit(_dir, files, ["claims/A-05.md"]));
        Assert.That(Contents(), Is.EqualTo(Before));
        Assert.That(Directory.EnumerateDirectories(_dir, ".*"), Is.Empty);
    }

    [Test]
    public void Recover_RemovesAStagingFolderLeftBeforeTheSwap()
    {
        Directory.CreateDirectory(Path.Combine(_dir, ".staging-123-abc", "claims"));
        File.WriteAllText(Path.Combine(_dir, ".staging-123-abc", "claims", "A-05.md"), "half");
        ReportFolder.Recover(_dir);
        Assert.That(Contents(), Is.EqualTo(Before));
    }

    [Test]
    public void Lock_IsExclusive_AndASecondWriterTimesOutWithAClearMessage()
    {
        using (ReportFolder.Lock(_dir, TimeSpan.FromSeconds(1)))
        {
            var ex = Assert.Throws<IOException>(() => ReportFolder.Lock(_dir, TimeSpan.FromMilliseconds(200)))!;
            Assert.That(ex.Message, Does.Contain("another run is writing reports"));
        }
        using (ReportFolder.Lock(_dir, TimeSpan.FromMilliseconds(200))) { }
    }

    [Test]
    public void TwoConcurrentWriters_KeepEachOthersEntries()
    {
        File.Delete(Path.Combine(_dir, "results.json"));
        var a = QuickRun.Get("A-21");
        var b = QuickRun.Get("A-05");
        using var start = new Barrier(2);
        var t1 = Task.Run(() => { start.SignalAndWait(); ReportWriter.Write(ClaimCatalog.Default, _dir, [a], "quick", ClaimRunner.DefaultSeed); });
        var t2 = Task.Run(() => { start.SignalAndWait(); ReportWriter.Write(ClaimCatalog.Default, _dir, [b], "quick", ClaimRunner.DefaultSeed); });
        Task.WaitAll(t1, t2);
        var results = ResultsDocument.TryParse(File.ReadAllText(Path.Combine(_dir, "results.json")))!;
        Assert.That(results.Claims.Select(c => c.Id), Is.EquivalentTo(new[] { "A-05", "A-21" }));
    }
}
