using Flatness.Claims.Reports;
using Flatness.Claims.Running;

namespace Flatness.Claims.Tests.Reports;

/// <summary>The committed reports/ must be what the current code produces for the quick claims, and must list every
/// registered claim. To accept an intended change, run <c>bash .ci/accept</c> (see README).</summary>
public class ReportsStalenessTests
{
    private static string Reports => Path.Combine(QuickRun.RepositoryRoot(), "reports");
    private const string Hint = " — reports/ is stale: run `bash .ci/accept` (regenerates reports/ with `check --profile full` and the snapshots)";

    private static IEnumerable<string> Ids() => QuickRun.QuickIds();

    [TestCaseSource(nameof(Ids))]
    public void CommittedClaimPage_AndFigureData_MatchTheCurrentCode(string id)
    {
        var o = QuickRun.Get(id);
        string page = Path.Combine(Reports, "claims", id + ".md");
        Assert.That(File.Exists(page), Is.True, $"{page} is missing{Hint}");
        Assert.That(File.ReadAllText(page), Is.EqualTo(MarkdownRenderer.ClaimPage(o, ClaimRunner.DefaultSeed)), $"claims/{id}.md differs{Hint}");
        foreach (var f in o.Evidence.Figures)
        {
            string csv = Path.Combine(Reports, "figures", MarkdownRenderer.FigureStem(id, f) + ".csv");
            Assert.That(File.Exists(csv), Is.True, $"{csv} is missing{Hint}");
            Assert.That(File.ReadAllText(csv), Is.EqualTo(FigureRenderer.Csv(f)), $"{csv} differs{Hint}");
            Assert.That(File.Exists(Path.ChangeExtension(csv, ".svg")), Is.True, $"the SVG beside {csv} is missing{Hint}");
        }
    }

    [Test]
    public void CommittedResultsJson_ListsEveryRegisteredClaim_AndHasTheCurrentQuickEntries()
    {
        string path = Path.Combine(Reports, "results.json");
        Assert.That(File.Exists(path), Is.True, $"reports/results.json is missing{Hint}");
        var committed = ResultsDocument.TryParse(File.ReadAllText(path));
        Assert.That(committed, Is.Not.Null, "reports/results.json does not parse");
        Assert.That(committed!.Profile, Is.EqualTo("full"), $"the committed reports come from --profile full{Hint}");
        Assert.That(committed.Seed, Is.EqualTo(ClaimRunner.DefaultSeed));
        var missing = ClaimCatalog.Default.All.Select(c => c.Id).Except(committed.Claims.Select(c => c.Id)).ToList();
        Assert.That(missing, Is.Empty, $"registered claims missing from reports/results.json{Hint}");
        var unknown = committed.Claims.Select(c => c.Id).Except(ClaimCatalog.Default.All.Select(c => c.Id)).ToList();
        Assert.That(unknown, Is.Empty, "reports/results.json lists claims that are no longer registered");
        var fresh = new ResultsDocument("full", ClaimRunner.DefaultSeed, QuickRun.Outcomes.Select(ResultEntry.From).ToList());
        foreach (var entry in fresh.Claims)
        {
            var old = committed.Claims.Single(c => c.Id == entry.Id);
            // The committed entry carries the seed sweep of `.ci/accept`; the evidence at the default seed must match.
            Assert.That(Json(old with { Sweep = null }), Is.EqualTo(Json(entry)), $"results.json entry {entry.Id} differs{Hint}");
        }
    }

    [Test]
    public void CommittedResults_RecordASweepOfAtLeastTenSeeds_ForEveryQuickClaim_ConfirmedAtEverySeed()
    {
        var committed = ResultsDocument.TryParse(File.ReadAllText(Path.Combine(Reports, "results.json")))!;
        foreach (var id in QuickRun.QuickIds())
        {
            var sweep = committed.Claims.Single(c => c.Id == id).Sweep;
            Assert.That(sweep, Is.Not.Null, $"{id} has no seed sweep in reports/results.json{Hint}");
            Assert.That(sweep!.Seeds, Is.GreaterThanOrEqualTo(10), id);
            Assert.That(sweep.Confirmed, Is.EqualTo(sweep.Seeds), $"{id}: {sweep.Describe()}");
        }
    }

    [Test]
    public void CommittedIndex_IsTheIndexOfTheCommittedResults()
    {
        var committed = ResultsDocument.TryParse(File.ReadAllText(Path.Combine(Reports, "results.json")))!;
        Assert.That(File.ReadAllText(Path.Combine(Reports, "README.md")), Is.EqualTo(MarkdownRenderer.Index(committed, ClaimCatalog.Default)), $"reports/README.md differs{Hint}");
    }

    private static string Json(ResultEntry e) => new ResultsDocument("x", 0, [e]).ToJson();
}
