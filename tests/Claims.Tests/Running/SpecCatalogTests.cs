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
        var fromDocs = SpecCatalog.FromTexts(Directory.GetFiles(Path.Combine(root, "docs", "spec"), "paper-*.md").Order(StringComparer.Ordinal).Select(File.ReadAllText));
        Assert.That(ClaimCatalog.Default.Spec.Rows, Is.EqualTo(fromDocs.Rows));
        Assert.That(ClaimCatalog.Default.Spec.Papers, Is.EqualTo(fromDocs.Papers));
        Assert.That(fromDocs.Papers.Select(p => p.Letter), Is.EqualTo(new[] { "A", "B" }));
        Assert.That(fromDocs.Papers[1].Citation, Is.EqualTo("Liang, Qiao, Wang, Parhi, NeurIPS 2025, arXiv:2506.20779"));
    }

    [Test]
    public void Specs_HaveTheOriginal68Rows_EachOnce_WithALabel()
    {
        var rows = ClaimCatalog.Default.Spec.Rows;
        var ids = rows.Select(r => r.Id).ToList();
        var original = Enumerable.Range(1, 35).Select(i => $"A-{i:00}").Concat(Enumerable.Range(1, 33).Select(i => $"B-{i:00}")).ToList();
        Assert.That(original, Has.Count.EqualTo(68));
        Assert.That(ids, Is.SupersetOf(original));
        Assert.That(ids, Is.Unique);
        Assert.That(rows.Select(r => r.Provenance), Has.None.EqualTo(Provenance.None));
        Assert.That(rows.Select(r => r.Kind), Has.None.EqualTo(ClaimKind.None));
    }

    [Test]
    public void EveryRegisteredClaim_TakesItsMetadataFromItsSpecRow()
    {
        foreach (var c in ClaimCatalog.Default.All)
        {
            var row = ClaimCatalog.Default.Spec.Find(c.Id);
            Assert.That(row, Is.Not.Null, $"{c.Id} is registered but has no row in docs/spec");
            Assert.That((c.Provenance, c.Kind, c.Profile, c.Paper), Is.EqualTo((row!.Provenance, row.Kind, row.Cost, row.Paper)), c.Id);
        }
    }

    [Test]
    public void SymbolicClaims_ProvenanceOfTheObligation_AgreesWithItsSpecRow()
    {
        foreach (var c in ClaimCatalog.Default.All.OfType<Flatness.Claims.Checks.Symbolic.ObligationClaim>())
            Assert.That(ClaimText.ParseProvenance(c.Obligation.Provenance), Is.EqualTo(c.Provenance), c.Id);
    }

    [Test]
    public void ParseDocument_RejectsRowsOfTheWrongShape_RepeatedIds_OtherPapersIds_AndAMissingHead()
    {
        const string head = "# Specification — Paper A: test\n**Short citation.** Someone 2026\n";
        Assert.That(() => SpecCatalog.ParseDocument(head + "| A-01 | x | [derived] |\n"), Throws.TypeOf<FormatException>());
        Assert.That(() => SpecCatalog.ParseDocument(head + "| A-01 | x | [derived] | m |\n| A-01 | y | [derived] | m |\n"), Throws.TypeOf<FormatException>());
        Assert.That(() => SpecCatalog.ParseDocument(head + "| A-01 | x | unlabelled | m |\n"), Throws.TypeOf<FormatException>());
        Assert.That(() => SpecCatalog.ParseDocument(head + "| B-01 | x | [derived] | m |\n"), Throws.TypeOf<FormatException>(), "a B row in paper A");
        Assert.That(() => SpecCatalog.ParseDocument(head + "| A-01 | x | [derived] | c | m | k | quantum | quick |\n"), Throws.TypeOf<FormatException>());
        Assert.That(() => SpecCatalog.ParseDocument("| A-01 | x | [derived] | m |\n"), Throws.TypeOf<FormatException>(), "no head");
        Assert.That(() => SpecCatalog.ParseDocument("# Specification — Paper A: t\n| A-01 | x | [derived] | m |\n"), Throws.TypeOf<FormatException>(), "no citation");
        var (paper, rows) = SpecCatalog.ParseDocument(head + "text\n| A-07 | s | [paper] + [derived] | c | m | k | exact-numeric + statistical | full |\n| A-22 | o | [derived] | mutant |\n");
        Assert.That(paper, Is.EqualTo(new Paper("A", "test", "Someone 2026")));
        Assert.That(rows, Is.EqualTo(new[]
        {
            new SpecRow("A-07", paper, "s", Provenance.Paper | Provenance.Derived, ClaimKind.ExactNumeric | ClaimKind.Statistical, Profile.Full),
            new SpecRow("A-22", paper, "o", Provenance.Derived, ClaimKind.Symbolic, Profile.Quick),
        }));
    }

    [Test]
    public void Index_ListsEverySpecRowOnce_CheckedOrNotYetChecked_AndCountsCoverage()
    {
        // Two checked claims (one [derived], one [paper]): every other row must appear as "not yet checked".
        var outcomes = ClaimRunner.Run(ClaimRunner.Select(ClaimCatalog.Default, ["A-21", "B-15"], Profile.Quick), 5);
        var doc = new ResultsDocument("quick", 5, outcomes.Select(ResultEntry.From).ToList()) { Run = new RunRecord("quick", 1, ["A-21", "B-15"]) };
        string index = MarkdownRenderer.Index(doc, ClaimCatalog.Default);
        var lines = index.Split('\n');
        foreach (var row in ClaimCatalog.Default.Spec.Rows)
        {
            var rowLines = lines.Where(l => l.StartsWith($"| {row.Id} |", StringComparison.Ordinal)).ToList();
            Assert.That(rowLines, Has.Count.EqualTo(1), row.Id);
            bool isChecked = outcomes.Any(o => o.Claim.Id == row.Id); // A-21, its dependency A-34, and B-15
            Assert.That(rowLines[0].Contains("*not yet checked*", StringComparison.Ordinal), Is.EqualTo(!isChecked), row.Id);
        }
        Assert.That(outcomes, Has.Count.EqualTo(3));
        Assert.That(index, Does.Contain($"**Coverage: 3 of {ClaimCatalog.Default.Spec.Rows.Count} specification rows checked**"));
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
        var outcomes = ClaimRunner.Run(ClaimRunner.Select(ClaimCatalog.Default, ["A-21", "B-15"], Profile.Quick), 5);
        var entries = outcomes.Select(ResultEntry.From).ToList();
        var whole = MarkdownRenderer.Index(new ResultsDocument("quick", 5, entries) { Run = new RunRecord("quick", 1, entries.Select(e => e.Id).ToList()) }, ClaimCatalog.Default);
        Assert.That(whole, Does.Contain("That run produced every entry below."));
        var partial = MarkdownRenderer.Index(new ResultsDocument("quick", 5, entries) { Run = new RunRecord("quick", 1, ["A-34", "A-21"]) }, ClaimCatalog.Default);
        Assert.That(partial, Does.Contain("It was a partial run: the other 1 entries come from earlier runs"));
        Assert.That(partial, Does.Contain("check A-34 A-21 --seed 5`"));
    }
}
