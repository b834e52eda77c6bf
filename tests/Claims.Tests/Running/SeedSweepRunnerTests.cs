using Flatness.Claims.Model;
using Flatness.Claims.Reports;
using Flatness.Claims.Running;

namespace Flatness.Claims.Tests.Running;

public class SeedSweepRunnerTests
{
    [Test]
    public void SweepSeeds_StartWithTheRunSeed_AreDistinct_AndDeterministic()
    {
        var a = ClaimRunner.SweepSeeds(42, 12);
        Assert.That(a[0], Is.EqualTo(42UL));
        Assert.That(a, Is.Unique);
        Assert.That(ClaimRunner.SweepSeeds(42, 12), Is.EqualTo(a));
        Assert.That(ClaimRunner.SweepSeeds(43, 12).Skip(1), Is.Not.EqualTo(a.Skip(1)));
        Assert.That(() => ClaimRunner.SweepSeeds(42, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void RunSweep_PrimaryOutcomesAreThoseOfTheRunSeed_AndEachSeedReproducesAlone()
    {
        var claims = ClaimRunner.Select(ClaimCatalog.Default, ["A-05"], Profile.Quick);
        var (primary, sweeps) = ClaimRunner.RunSweep(claims, 9, 3);
        var alone = ClaimRunner.Run(claims, 9);
        Assert.That(ResultJson(primary[0]), Is.EqualTo(ResultJson(alone[0])));
        var sweep = sweeps["A-05"];
        Assert.That(sweep.Seeds, Is.EqualTo(3));
        Assert.That(sweep.Runs.Select(r => r.Seed), Is.EqualTo(ClaimRunner.SweepSeeds(9, 3)));
        // The third seed's verdict is what a plain run at that seed gives.
        var third = ClaimRunner.Run(claims, sweep.Runs[2].Seed);
        Assert.That(sweep.Runs[2].Verdict, Is.EqualTo(third[0].Verdict));
        Assert.That(sweep.Describe(), Is.EqualTo($"confirmed at {sweep.Confirmed} of 3 seeds"));
    }

    [Test]
    public void SweepRecord_CountsAndNamesEverySeedThatWasNotConfirmed_AndRoundTripsThroughJson()
    {
        var sweep = new SeedSweep([(1UL, Verdict.Confirmed), (2UL, Verdict.Refuted), (3UL, Verdict.Confirmed), (4UL, Verdict.Error)]);
        var record = SweepRecord.From(sweep);
        Assert.That(record.Seeds, Is.EqualTo(4));
        Assert.That(record.Confirmed, Is.EqualTo(2));
        Assert.That(record.Describe(), Is.EqualTo("2/4 (refuted at seed 2; error at seed 4)"));
        var outcome = ClaimRunner.Run(ClaimRunner.Select(ClaimCatalog.Default, ["A-05"], Profile.Quick), 1)[0];
        var doc = new ResultsDocument("quick", 1, [ResultEntry.From(outcome, sweep)]) { Run = new RunRecord("quick", 4, ["A-05"]) };
        var parsed = ResultsDocument.TryParse(doc.ToJson())!;
        Assert.That(parsed.ToJson(), Is.EqualTo(doc.ToJson()));
        Assert.That(parsed.Claims[0].Sweep!.Describe(), Is.EqualTo(record.Describe()));
        Assert.That(parsed.Run, Is.Not.Null);
    }

    private static string ResultJson(ClaimOutcome o) => new ResultsDocument("x", 0, [ResultEntry.From(o)]).ToJson();
}
