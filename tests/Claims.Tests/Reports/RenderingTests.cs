using Flatness.Claims.Model;
using Flatness.Claims.Reports;
using Flatness.Claims.Running;

namespace Flatness.Claims.Tests.Reports;

public class RenderingTests
{
    private static IEnumerable<string> Ids() => QuickRun.QuickIds();

    [TestCaseSource(nameof(Ids))]
    public void ClaimPage_StatesProvenanceVerdictMethodAndTheReproducingCommand(string id)
    {
        var o = QuickRun.Get(id);
        string page = MarkdownRenderer.ClaimPage(o, ClaimRunner.DefaultSeed);
        Assert.That(page, Does.Contain($"| provenance | `{o.Claim.Provenance.Label()}`"));
        Assert.That(page, Does.Contain($"**{o.Verdict.Name()}** (by {o.Evidence.Method.Name()})"));
        Assert.That(page, Does.Contain("## Statement").And.Contain("## Method").And.Contain("## Verdict"));
        Assert.That(page, Does.Contain($"dotnet run --project src/Cli -- check {id}"));
        if (o.Claim.Kind == ClaimKind.Symbolic)
            Assert.That(page, Does.Contain("## Proof status").And.Contain("(as it must be)").And.Contain("```smt2"));
    }

    [Test]
    public void Figures_RenderToIdenticalSvgTwice_WithTheirDataAsCsv()
    {
        var f = QuickRun.Get("A-21").Evidence.Figures.Single();
        string svg = FigureRenderer.Svg(f);
        Assert.That(svg, Does.StartWith("<?xml").And.Contain("<svg"));
        Assert.That(FigureRenderer.Svg(f), Is.EqualTo(svg));
        var csv = FigureRenderer.Csv(f).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(csv[0], Is.EqualTo("series,x,y"));
        Assert.That(csv.Length, Is.EqualTo(1 + f.Series.Sum(s => s.X.Count) + (f.HorizontalLines?.Count ?? 0) + (f.VerticalLines?.Count ?? 0)));
    }

    [Test]
    public void Numbers_AreRoundedToTheirDeclaredDigits_AndErrorsFloored()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Numbers.Format(1.23456789), Is.EqualTo("1.23457"));
            Assert.That(Numbers.Format(1.23456789e-7, 3), Is.EqualTo("1.23e-07"));
            Assert.That(Numbers.Error(3.3e-17), Is.EqualTo("< 1e-14"));
            Assert.That(Numbers.Error(2.345e-9), Is.EqualTo("2.3e-09"));
            Assert.That(Numbers.ErrorValue(1e-20), Is.EqualTo(1e-14));
            Assert.That(Numbers.Round(0.123456789, 4), Is.EqualTo(0.1235));
        });
    }

    [Test]
    public void ResultsJson_RoundTrips()
    {
        var doc = new ResultsDocument("quick", 5, QuickRun.Outcomes.Take(5).Select(ResultEntry.From).ToList());
        var back = ResultsDocument.TryParse(doc.ToJson())!;
        Assert.That(back.ToJson(), Is.EqualTo(doc.ToJson()));
        Assert.That(ResultsDocument.TryParse("{\"nope\": 1}"), Is.Null);
    }
}
