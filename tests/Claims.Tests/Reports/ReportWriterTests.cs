using Flatness.Claims.Model;
using Flatness.Claims.Reports;
using Flatness.Claims.Running;
using Flatness.Numerics.LinearAlgebra;

namespace Flatness.Claims.Tests.Reports;

public class ReportWriterTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder()
    {
        _dir = Path.Combine(Path.GetTempPath(), "flatness-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveFolder()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static IReadOnlyList<ClaimOutcome> Some(params string[] ids) => ids.Select(QuickRun.Get).ToList();

    [Test]
    public void Write_ProducesIndexClaimPagesFiguresAndResults_WithNoTimestampsOrPaths()
    {
        ReportWriter.Write(ClaimCatalog.Default, _dir, Some("A-21", "A-34"), "quick", ClaimRunner.DefaultSeed);
        Assert.That(File.Exists(Path.Combine(_dir, "README.md")));
        Assert.That(File.Exists(Path.Combine(_dir, "claims", "A-21.md")));
        Assert.That(File.Exists(Path.Combine(_dir, "figures", "A-21-orbit.svg")));
        Assert.That(File.Exists(Path.Combine(_dir, "figures", "A-21-orbit.csv")));
        var results = ResultsDocument.TryParse(File.ReadAllText(Path.Combine(_dir, "results.json")))!;
        Assert.That(results.Claims.Select(c => c.Id), Is.EqualTo(new[] { "A-21", "A-34" }));
        foreach (var file in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".svg", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(file);
            Assert.That(text, Does.Not.Contain(_dir).And.Not.Contain(Environment.MachineName).And.Not.Contain(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), file);
            Assert.That(text, Does.Not.Contain("\r"), file);
        }
        Assert.That(Directory.EnumerateFiles(_dir, "*.tmp-*", SearchOption.AllDirectories), Is.Empty, "no temporary files left");
    }

    [Test]
    public void Write_AtOneSeed_KeepsTheSweepOfAnEntryWithTheSameEvidence_AndDropsItWhenTheEvidenceChanged()
    {
        var outcomes = Some("A-21", "A-05");
        var sweep = new SeedSweep([(1UL, Verdict.Confirmed), (2UL, Verdict.Confirmed), (3UL, Verdict.Confirmed)]);
        var sweeps = new Dictionary<string, SeedSweep> { ["A-21"] = sweep, ["A-05"] = sweep };
        ReportWriter.Write(ClaimCatalog.Default, _dir, outcomes, "quick", ClaimRunner.DefaultSeed, sweeps);
        // A later run at one seed (e.g. A-21 as a dependency of a paper-profile claim) with A-21's evidence unchanged and
        // A-05's changed (its key number, as after a code change).
        var changed = outcomes[1] with { Evidence = outcomes[1].Evidence with { KeyNumber = outcomes[1].Evidence.KeyNumber + " (changed)" } };
        ReportWriter.Write(ClaimCatalog.Default, _dir, [outcomes[0], changed], "quick", ClaimRunner.DefaultSeed);
        var results = ResultsDocument.TryParse(File.ReadAllText(Path.Combine(_dir, "results.json")))!;
        var byId = results.Claims.ToDictionary(c => c.Id);
        Assert.That(byId["A-21"].Sweep, Is.Not.Null);
        Assert.That((byId["A-21"].Sweep!.Seeds, byId["A-21"].Sweep!.Confirmed), Is.EqualTo((3, 3)));
        Assert.That(byId["A-05"].Sweep, Is.Null, "a sweep never describes different evidence");
        Assert.That(File.ReadAllText(Path.Combine(_dir, "README.md")), Does.Contain("3/3"));
    }

    [Test]
    public void Write_TwiceWithTheSameOutcomes_IsByteIdentical()
    {
        ReportWriter.Write(ClaimCatalog.Default, _dir, Some("A-21", "A-05"), "quick", ClaimRunner.DefaultSeed);
        var first = Snapshot(_dir);
        ReportWriter.Write(ClaimCatalog.Default, _dir, Some("A-21", "A-05"), "quick", ClaimRunner.DefaultSeed);
        Assert.That(Snapshot(_dir), Is.EqualTo(first));
    }

    [Test]
    public void Reports_AreIdenticalForOneAndTwoThreads()
    {
        string Render(int threads)
        {
            using var _ = Parallelism.Limit(threads);
            var outcomes = ClaimRunner.Run(ClaimRunner.Select(ClaimCatalog.Default, ["A-05", "A-20", "B-15"], Profile.Quick), ClaimRunner.DefaultSeed);
            return string.Join("\n---\n", ReportWriter.Render(ClaimCatalog.Default, outcomes, "quick", ClaimRunner.DefaultSeed, null).Select(kv => kv.Key + "\n" + kv.Value));
        }
        Assert.That(Render(2), Is.EqualTo(Render(1)));
    }

    [Test]
    public void PartialRun_KeepsTheOtherEntriesOfAnExistingResultsFile_WithTheSameSeed()
    {
        ReportWriter.Write(ClaimCatalog.Default, _dir, Some("A-21", "A-34"), "full", ClaimRunner.DefaultSeed);
        ReportWriter.Write(ClaimCatalog.Default, _dir, Some("A-05"), "quick", ClaimRunner.DefaultSeed);
        var results = ResultsDocument.TryParse(File.ReadAllText(Path.Combine(_dir, "results.json")))!;
        Assert.That(results.Claims.Select(c => c.Id), Is.EqualTo(new[] { "A-05", "A-21", "A-34" }), "catalogue order, merged");
        Assert.That(File.ReadAllText(Path.Combine(_dir, "README.md")), Does.Contain("claims/A-34.md").And.Contain("claims/A-05.md"));
        Assert.That(File.Exists(Path.Combine(_dir, "claims", "A-21.md")), Is.True, "a partial run with the same seed keeps the others' pages");
        // Another seed starts a fresh index, and the pages and figures of the previous seed's other claims go with it.
        File.WriteAllText(Path.Combine(_dir, "claims", "notes.md"), "a reader's own file");
        ReportWriter.Write(ClaimCatalog.Default, _dir, Some("A-05"), "quick", 99);
        Assert.That(ResultsDocument.TryParse(File.ReadAllText(Path.Combine(_dir, "results.json")))!.Claims.Select(c => c.Id), Is.EqualTo(new[] { "A-05" }));
        Assert.That(Directory.EnumerateFiles(Path.Combine(_dir, "claims")).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "A-05.md", "notes.md" }));
        Assert.That(Directory.EnumerateFiles(Path.Combine(_dir, "figures")).Select(Path.GetFileName), Has.All.StartWith("A-05-"));
    }

    [Test]
    public void Obsolete_NamesAFigureTheRunNoLongerProduces_AndPagesOfClaimsWithoutAnEntry()
    {
        ReportWriter.Write(ClaimCatalog.Default, _dir, Some("A-05", "A-21"), "quick", ClaimRunner.DefaultSeed);
        File.WriteAllText(Path.Combine(_dir, "figures", "A-05-renamed.svg"), "<svg/>");
        File.WriteAllText(Path.Combine(_dir, "claims", "B-99.md"), "a claim that is no longer registered");
        var files = ReportWriter.Render(ClaimCatalog.Default, Some("A-05"), "quick", ClaimRunner.DefaultSeed, ReportWriter.Existing(_dir));
        Assert.That(ReportWriter.Obsolete(_dir, files, ["A-05"]), Is.EqualTo(new[] { "claims/B-99.md", "figures/A-05-renamed.svg" }));
    }

    [Test]
    public void CoveredProfile_IsFullOnlyWhenEveryRegisteredClaimIsPresent()
    {
        var all = ClaimCatalog.Default.All.Select(c => c.Id).ToList();
        var quick = ClaimCatalog.Default.All.Where(c => c.Profile == Profile.Quick).Select(c => c.Id).ToList();
        Assert.That(ReportWriter.CoveredProfile(ClaimCatalog.Default, all, "quick"), Is.EqualTo("full"), "a quick run merged into full reports stays full");
        Assert.That(ReportWriter.CoveredProfile(ClaimCatalog.Default, ["A-05"], "quick"), Is.EqualTo("quick"));
        Assert.That(ReportWriter.CoveredProfile(ClaimCatalog.Default, ["A-05"], "full"), Is.EqualTo("full"));
        if (quick.Count < all.Count) Assert.That(ReportWriter.CoveredProfile(ClaimCatalog.Default, quick, "full"), Is.EqualTo("quick"));
    }

    [Test]
    public void FailedWrite_LeavesThePreviousReportsIntact()
    {
        ReportWriter.Write(ClaimCatalog.Default, _dir, Some("A-21"), "quick", ClaimRunner.DefaultSeed);
        var before = Snapshot(_dir);
        // A file where the figures folder must go makes the staging step fail before anything is renamed.
        Directory.Delete(Path.Combine(_dir, "figures"), true);
        File.WriteAllText(Path.Combine(_dir, "figures"), "in the way");
        before.Remove(before.Keys.Single(k => k.Contains("A-21-orbit.svg", StringComparison.Ordinal)));
        before.Remove(before.Keys.Single(k => k.Contains("A-21-orbit.csv", StringComparison.Ordinal)));
        before["figures"] = "in the way";
        Assert.That(() => ReportWriter.Write(ClaimCatalog.Default, _dir, Some("A-05", "A-21"), "quick", ClaimRunner.DefaultSeed), Throws.InstanceOf<IOException>());
        Assert.That(Snapshot(_dir), Is.EqualTo(before), "nothing renamed into place, no temporaries left");
    }

    [Test]
    public void EnsureWritable_RejectsAFolderThatCannotBeCreated() =>
        Assert.That(() => ReportWriter.EnsureWritable("/proc/version/reports"), Throws.TypeOf<Flatness.Inputs.InputException>());

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllText);
}
