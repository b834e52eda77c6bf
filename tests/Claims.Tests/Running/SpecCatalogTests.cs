using Flatness.Claims.Model;
using Flatness.Claims.Reports;
using Flatness.Claims.Running;

namespace Flatness.Claims.Tests.Running;

/// <summary>The claim catalogue and the specifications' tables (docs/spec, embedded in the assembly) agree.</summary>
public class SpecCatalogTests
{
    [Test]
    public void EmbeddedSpecs_AreTheRepositorysDocsSpec()
    {
        // The index is rendered from the embedded copies: they must be the files a reader of the repository sees.
        string root = QuickRun.RepositoryRoot();
        var fromDocs = SpecCatalog.ParseText(File.ReadAllText(Path.Combine(root, "docs", "spec", "paper-A.md")), Paper.A)
            .Concat(SpecCatalog.ParseText(File.ReadAllText(Path.Combine(root, "docs", "spec", "paper-B.md")), Paper.B)).ToList();
        Assert.That(SpecCatalog.Rows, Is.EqualTo(fromDocs));
    }

    [Test]
    public void Specs_HaveTheOriginal68Rows_EachOnce_WithALabel()
    {
        var ids = SpecCatalog.Rows.Select(r => r.Id).ToList();
        var original = Enumerable.Range(1, 35).Select(i => $"A-{i:00}").Concat(Enumerable.Range(1, 33).Select(i => $"B-{i:00}")).ToList();
        Assert.That(original, Has.Count.EqualTo(68));
        Assert.That(ids, Is.SupersetOf(original));
        Assert.That(ids, Is.Unique);
        Assert.That(SpecCatalog.Rows.Select(r => r.Provenance), Has.None.EqualTo(Provenance.None));
        Assert.That(SpecCatalog.Rows.Select(r => r.Cost), Has.All.AnyOf("quick", "full"));
    }

    [Test]
    public void EveryRegisteredClaim_HasASpecRow_WithTheSameProvenancePaperAndCost()
    {
        foreach (var c in ClaimCatalog.All)
        {
            var row = SpecCatalog.Find(c.Id);
            Assert.That(row, Is.Not.Null, $"{c.Id} is registered but has no row in docs/spec");
            Assert.That(c.Provenance, Is.EqualTo(row!.Provenance), $"{c.Id}: provenance differs from the spec row");
            Assert.That(c.Paper == Paper.B, Is.EqualTo(row.Paper == Paper.B), $"{c.Id}: paper differs from the spec table it is in");
            Assert.That(c.Profile == Profile.Quick ? "quick" : "full", Is.EqualTo(row.Cost), $"{c.Id}: profile differs from the spec's cost");
        }
    }

    [Test]
    public void ParseText_RejectsRowsOfTheWrongShape_AndRepeatedIds()
    {
        Assert.That(() => SpecCatalog.ParseText("| A-01 | x | [derived] |\n", Paper.A), Throws.TypeOf<FormatException>());
        Assert.That(() => SpecCatalog.ParseText("| A-01 | x | [derived] | m |\n| A-01 | y | [derived] | m |\n", Paper.A), Throws.TypeOf<FormatException>());
        Assert.That(() => SpecCatalog.ParseText("| A-01 | x | unlabelled | m |\n", Paper.A), Throws.TypeOf<FormatException>());
        var rows = SpecCatalog.ParseText("text\n| A-07 | s | [paper] + [derived] | c | m | k | exact-numeric | full |\n| B-22 | o | [derived] | mutant |\n", Paper.B);
        Assert.That(rows, Is.EqualTo(new[]
        {
            new SpecRow("A-07", Paper.B, "s", Provenance.Paper | Provenance.Derived, "exact-numeric", "full"),
            new SpecRow("B-22", Paper.B, "o", Provenance.Derived, "symbolic", "quick"),
        }));
    }

    [Test]
    public void Index_ListsEverySpecRowOnce_CheckedOrNotYetChecked_AndCountsCoverage()
    {
        // Two checked claims (one [derived], one [paper]): every other row must appear as "not yet checked".
        var outcomes = ClaimRunner.Run(ClaimRunner.Select(["A-21", "B-15"], Profile.Quick), 5);
        var doc = new ResultsDocument("quick", 5, outcomes.Select(ResultEntry.From).ToList()) { Run = new RunRecord("quick", 1, ["A-21", "B-15"]) };
        string index = MarkdownRenderer.Index(doc);
        var lines = index.Split('\n');
        foreach (var row in SpecCatalog.Rows)
        {
            var rowLines = lines.Where(l => l.StartsWith($"| {row.Id} |", StringComparison.Ordinal)).ToList();
            Assert.That(rowLines, Has.Count.EqualTo(1), row.Id);
            bool isChecked = outcomes.Any(o => o.Claim.Id == row.Id); // A-21, its dependency A-34, and B-15
            Assert.That(rowLines[0].Contains("*not yet checked*", StringComparison.Ordinal), Is.EqualTo(!isChecked), row.Id);
        }
        Assert.That(outcomes, Has.Count.EqualTo(3));
        Assert.That(index, Does.Contain($"**Coverage: 3 of {SpecCatalog.Rows.Count} specification rows checked**"));
        // B-15 ([paper]) sits in the papers' section, A-21 ([derived]) in the foundations' section.
        int papers = index.IndexOf("## What the papers state", StringComparison.Ordinal);
        int derived = index.IndexOf("## The mathematics the suite rests on", StringComparison.Ordinal);
        Assert.That(papers, Is.GreaterThan(0).And.LessThan(derived));
        int b15 = index.IndexOf("| B-15 |", StringComparison.Ordinal), a21 = index.IndexOf("| A-21 |", StringComparison.Ordinal);
        Assert.That(b15, Is.GreaterThan(papers).And.LessThan(derived));
        Assert.That(a21, Is.GreaterThan(derived));
    }

    [Test]
    public void Index_Header_SaysWhenTheRunWasPartial()
    {
        var outcomes = ClaimRunner.Run(ClaimRunner.Select(["A-21", "B-15"], Profile.Quick), 5);
        var entries = outcomes.Select(ResultEntry.From).ToList();
        var whole = MarkdownRenderer.Index(new ResultsDocument("quick", 5, entries) { Run = new RunRecord("quick", 1, entries.Select(e => e.Id).ToList()) });
        Assert.That(whole, Does.Contain("That run produced every entry below."));
        var partial = MarkdownRenderer.Index(new ResultsDocument("quick", 5, entries) { Run = new RunRecord("quick", 1, ["A-34", "A-21"]) });
        Assert.That(partial, Does.Contain("It was a partial run: the other 1 entries come from earlier runs"));
        Assert.That(partial, Does.Contain("check A-34 A-21 --seed 5`"));
    }
}
