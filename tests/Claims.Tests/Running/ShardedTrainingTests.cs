using Flatness.Claims.Checks.PaperB;
using Flatness.Claims.Model;
using Flatness.Claims.Reports;
using Flatness.Claims.Running;

namespace Flatness.Claims.Tests.Running;

/// <summary>Paper B's experiment claims sharded by training run: every shard trains its share and saves the runs, the merge
/// loads them and decides the claims, and the reports equal the unsharded run's byte for byte. Runs are capped at a few
/// steps (<c>StepCapForTests</c>) so the plumbing, not the science, is what is tested.</summary>
[NonParallelizable]
public class ShardedTrainingTests
{
    [SetUp]
    public void CapSteps()
    {
        TrainingExperiment.StepCapForTests = 12;
        TrainingExperiment.Clear();
    }

    [TearDown]
    public void Uncap()
    {
        TrainingExperiment.StepCapForTests = null;
        TrainingExperiment.Clear();
    }

    [Test]
    public void Plan_IsComplete_TheClaimsTrainNothingBeyondIt()
    {
        var catalog = ClaimCatalog.Default;
        var claims = ClaimRunner.Select(catalog, ["B-04", "B-16", "B-17", "B-18", "B-19", "B-20", "B-21", "B-41"], Profile.Full);
        var plan = Sharding.Plan(claims, 5, 1, Profile.Full);
        Assert.That(plan.Training.Select(t => t.Work.Key), Is.Unique);
        Sharding.Train(plan.Training, Profile.Full, Path.Combine(Path.GetTempPath(), "flatness-plan-" + Guid.NewGuid().ToString("N")));
        var before = plan.Training.Count;
        var outcomes = ClaimRunner.Run(claims, 5, null, Profile.Full);
        Assert.That(outcomes.Select(o => o.Verdict), Has.None.EqualTo(Verdict.Error), string.Join("; ", outcomes.Select(o => o.Reason)));
        // Every run the claims used was planned: re-planning finds nothing the claims trained on their own.
        Assert.That(plan.Training.All(t => t.Work.IsDone), Is.True);
        Assert.That(TrainingExperimentCount(), Is.EqualTo(before), "a claim trained a run its plan did not list");
    }

    [Test]
    public void ShardedThenMerged_EqualsUnsharded_ByteForByte()
    {
        var catalog = ClaimCatalog.Default;
        string root = Path.Combine(Path.GetTempPath(), "flatness-shard-train-" + Guid.NewGuid().ToString("N"));
        try
        {
            var claims = ClaimRunner.Select(catalog, ["B-16", "B-17"], Profile.Full);
            var outcomes = ClaimRunner.Run(claims, 9, null, Profile.Full);
            ReportWriter.Write(catalog, Path.Combine(root, "whole"), outcomes, "full", 9);
            var plan = Sharding.Plan(claims, 9, 1, Profile.Full);
            var dirs = new List<string>();
            for (int i = 1; i <= 3; i++)
            {
                TrainingExperiment.Clear();
                var shard = new ShardSpec(i, 3);
                var share = Sharding.Assign(plan, shard);
                string dir = Path.Combine(root, "shard" + i);
                Sharding.Train(share.Training, Profile.Full, Path.Combine(dir, "runs"));
                var ran = Sharding.Run(catalog, share.Claims, Profile.Full);
                var files = ShardReports.Render(shard, Profile.Full, 9, 1, claims, ran, share.Training.Select(t => t.Work.Key).ToList(), TimeSpan.Zero, TimeSpan.Zero);
                ReportWriter.Update(dir, _ => files, ran.Select(r => r.Unit.Claim.Id).ToList());
                dirs.Add(dir);
            }
            TrainingExperiment.Clear();
            ShardReports.Merge(catalog, dirs, Path.Combine(root, "merged"));
            var whole = Files(Path.Combine(root, "whole"));
            var merged = Files(Path.Combine(root, "merged"));
            Assert.That(merged.Keys.Where(k => k != ShardReports.TimingFile), Is.EquivalentTo(whole.Keys));
            foreach (var (name, content) in whole) Assert.That(merged[name], Is.EqualTo(content), name);
            Assert.That(merged[ShardReports.TimingFile], Does.Contain("| 3/3 |"));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Merge_RefusesAMissingTrainingRun()
    {
        var catalog = ClaimCatalog.Default;
        string root = Path.Combine(Path.GetTempPath(), "flatness-shard-miss-" + Guid.NewGuid().ToString("N"));
        try
        {
            var claims = ClaimRunner.Select(catalog, ["B-16"], Profile.Full);
            var plan = Sharding.Plan(claims, 9, 1, Profile.Full);
            var shard = new ShardSpec(1, 1);
            var share = Sharding.Assign(plan, shard);
            string dir = Path.Combine(root, "s1");
            Sharding.Train(share.Training, Profile.Full, Path.Combine(dir, "runs"));
            // B-16's foundations (A-36, …) are claims of their own in the shard: run them so only the training run is missing.
            var ran = Sharding.Run(catalog, share.Claims, Profile.Full);
            var files = ShardReports.Render(shard, Profile.Full, 9, 1, claims, ran, share.Training.Select(t => t.Work.Key).ToList(), TimeSpan.Zero, TimeSpan.Zero);
            ReportWriter.Update(dir, _ => files, ran.Select(r => r.Unit.Claim.Id).ToList());
            File.Delete(Directory.GetFiles(Path.Combine(dir, "runs"))[0]);
            TrainingExperiment.Clear();
            Assert.That(() => ShardReports.Merge(catalog, [dir], Path.Combine(root, "out")),
                Throws.TypeOf<Flatness.Inputs.InputException>().With.Message.Contains("missing"));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static int TrainingExperimentCount() => TrainingExperiment.CachedCount;

    private static Dictionary<string, string> Files(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Where(f => !f.Contains(".lock", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllText);

    [Test]
    public void ClaimUnits_CostWhatTheirClaimsEstimateUnderTheRunsProfile()
    {
        // A-17 and B-08 state measured costs; a quick claim keeps the nominal 10¹⁰. Under the paper profile A-17 is the
        // largest claim unit, so longest-processing-time-first deals it out before the quick claims.
        var catalog = ClaimCatalog.Default;
        Claim[] claims = [catalog.Find("A-17")!, catalog.Find("B-08")!, catalog.Find("A-05")!];
        double Cost(Profile profile, string id) => Sharding.Plan(claims, 1, 1, profile).Claims.Single(u => u.Claim.Id == id).Flop;
        Assert.That(Cost(Profile.Paper, "B-08"), Is.EqualTo(claims[1].EstimatedFlop(Profile.Paper)).And.Not.EqualTo(1e12));
        Assert.That(Cost(Profile.Full, "B-08"), Is.EqualTo(1e12));
        Assert.That(Cost(Profile.Paper, "A-17"), Is.GreaterThan(Cost(Profile.Full, "A-17")));
        Assert.That(Cost(Profile.Paper, "A-05"), Is.EqualTo(1e10));
        var share = Sharding.AssignAll(Sharding.Plan(claims, 1, 1, Profile.Paper), 2);
        Assert.That(share.Single(s => s.Claims.Any(u => u.Claim.Id == "A-17")).Claims, Has.Count.EqualTo(1), "A-17 alone on its shard");
    }
}
