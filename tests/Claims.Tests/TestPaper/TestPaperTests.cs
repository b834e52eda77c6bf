using Flatness.Claims.Model;
using Flatness.Claims.Reports;
using Flatness.Claims.Running;

namespace Flatness.Claims.Tests.TestPaper;

/// <summary>A new paper needs its specification and its claim classes only: the test paper T (this folder) is found,
/// bound, run and reported with no edit anywhere else.</summary>
public class TestPaperTests
{
    private static readonly ClaimCatalog Catalog = ClaimCatalog.Discover(typeof(ClaimCatalog).Assembly, typeof(TestPaperTests).Assembly);

    [Test]
    public void PaperT_IsDiscovered_WithItsRowsAndClaims()
    {
        Assert.That(Catalog.Spec.Papers.Select(p => p.Letter), Is.EqualTo(new[] { "A", "B", "T" }));
        var t01 = Catalog.Find("T-01")!;
        Assert.That((t01.Paper.Letter, t01.Provenance, t01.Kind, t01.Profile), Is.EqualTo(("T", Provenance.Paper, ClaimKind.ExactNumeric, Profile.Quick)));
        Assert.That(Catalog.Find("T-02")!.Provenance, Is.EqualTo(Provenance.Derived));
        Assert.That(Catalog.Find("T-03"), Is.Null, "a row without a claim class");
        Assert.That(Catalog.All.Select(c => c.Id).TakeLast(2), Is.EqualTo(new[] { "T-01", "T-02" }));
        Assert.That(ClaimCatalog.Default.Find("T-01"), Is.Null, "the suite's own catalogue does not see the test assembly");
    }

    [Test]
    public void PaperT_Runs_AndIsReported()
    {
        var claims = ClaimRunner.Select(Catalog, ["T-02"], Profile.Quick);
        Assert.That(claims.Select(c => c.Id), Is.EqualTo(new[] { "T-01", "T-02" }), "the dependency comes first");
        var outcomes = ClaimRunner.Run(claims, 3);
        Assert.That(outcomes.Select(o => o.Verdict), Has.All.EqualTo(Verdict.Confirmed));
        var files = ReportWriter.Render(Catalog, outcomes, "quick", 3, null);
        Assert.That(files["claims/T-02.md"], Does.Contain("| paper | T — Test, Paper, 2026 |"));
        Assert.That(files["claims/T-02.md"], Does.Contain("## Criteria"));
        string index = files["README.md"];
        Assert.That(index, Does.Contain("[paper T](../docs/spec/paper-T.md)"));
        Assert.That(index, Does.Contain("| T-03 | T | `[paper]` | exact-numeric | full | *not yet checked*"));
        Assert.That(index, Does.Contain("| T-01 | T |"));
    }
}
