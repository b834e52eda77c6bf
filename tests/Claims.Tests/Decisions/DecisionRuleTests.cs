using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Statistics;
using Flatness.Symbolic.Proving;
using MathNet.Numerics.Distributions;

namespace Flatness.Claims.Tests.Decisions;

public class DecisionRuleTests
{
    private static Decision Decide(params Criterion[] c) => DecisionRule.Decide(c, "shown");

    [Test]
    public void ExactInsideRegion_Confirms_OutsideRefutes_NaNRefutes()
    {
        Assert.That(Decide(Criterion.Error("err", 1e-9, 1e-6)).Verdict, Is.EqualTo(Verdict.Confirmed));
        Assert.That(Decide(Criterion.Error("err", 1e-5, 1e-6)).Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(Decide(Criterion.Exact("x", double.NaN, Region.Above(0))).Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(Decide(Criterion.Condition("c", false, "a counterexample")).Reason, Does.Contain("a counterexample"));
    }

    [Test]
    public void Proof_UnknownIsNeverProved()
    {
        Assert.That(Decide(Criterion.Proof("goal", ProofStatus.Inconclusive, "timeout")).Verdict, Is.EqualTo(Verdict.Inconclusive));
        Assert.That(Decide(Criterion.Proof("goal", ProofStatus.Refuted, "x = 1")).Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(Decide(Criterion.Proof("goal", ProofStatus.Proved, "unsat")).Verdict, Is.EqualTo(Verdict.Confirmed));
    }

    [Test]
    public void Above_ThreeWays()
    {
        // Support at α_S = 0.05 needs θ̂ − 1.645·SE > 0; contradiction at α_R = 1e-6 needs θ̂ + 4.753·SE < 0.
        Assert.That(Decide(Criterion.Statistical("d", new NormalBounds(2.0, 1, 10), Region.Above(0))).Verdict, Is.EqualTo(Verdict.Confirmed));
        Assert.That(Decide(Criterion.Statistical("d", new NormalBounds(1.0, 1, 10), Region.Above(0))).Verdict, Is.EqualTo(Verdict.Inconclusive));
        Assert.That(Decide(Criterion.Statistical("d", new NormalBounds(-3.0, 1, 10), Region.Above(0))).Verdict, Is.EqualTo(Verdict.Inconclusive),
            "a reversal of 3 SE is not a contradiction at 1e-6");
        Assert.That(Decide(Criterion.Statistical("d", new NormalBounds(-5.0, 1, 10), Region.Above(0))).Verdict, Is.EqualTo(Verdict.Refuted));
    }

    [Test]
    public void ContradictionP_IsTheNormalTail()
    {
        var c = (StatisticalCriterion)Criterion.Statistical("d", new NormalBounds(-3.0, 1, 10), Region.Above(0));
        Assert.That(DecisionRule.ContradictionP(c), Is.EqualTo(Normal.CDF(0, 1, -3)).Within(1e-9));
        var near = (StatisticalCriterion)Criterion.Statistical("e", new NormalBounds(1.3, 0.1, 10), Region.Near(1, 0.5));
        Assert.That(DecisionRule.ContradictionP(near), Is.EqualTo(2 * Normal.CDF(0, 1, -3)).Within(1e-9), "two-sided for Near");
    }

    [Test]
    public void Near_IsAnEquivalenceTest()
    {
        // Inside 1 ± 0.05 at 95 %: supports; consistent with 1 but too wide to show ±0.05: undecided; 6 SE off: contradicts.
        Assert.That(Decide(Criterion.Statistical("r", new NormalBounds(1.01, 0.01, 100), Region.Near(1, 0.05))).Verdict, Is.EqualTo(Verdict.Confirmed));
        var wide = Decide(Criterion.Statistical("r", new NormalBounds(1.01, 0.1, 100), Region.Near(1, 0.05)));
        Assert.That(wide.Verdict, Is.EqualTo(Verdict.Inconclusive));
        Assert.That(wide.Assessments[0].Power, Does.Contain("would support"));
        Assert.That(Decide(Criterion.Statistical("r", new NormalBounds(1.06, 0.01, 100), Region.Near(1, 0.05))).Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(Decide(Criterion.Statistical("r", new NormalBounds(1.06, 0.01, 100), Region.Near(1, 0.08, tolerance: 0.02))).Verdict,
            Is.EqualTo(Verdict.Confirmed), "a deviation within the deterministic tolerance is not a contradiction");
    }

    [Test]
    public void Holm_SharesTheBudget()
    {
        // One criterion at p = 6e-7 refutes alone (≤ 1e-6) but not among two (Holm's first step: 5e-7).
        var alone = Decide(Criterion.Statistical("a", new NormalBounds(-Z(6e-7), 1, 10), Region.Above(0)));
        Assert.That(alone.Verdict, Is.EqualTo(Verdict.Refuted));
        var two = Decide(Criterion.Statistical("a", new NormalBounds(-Z(6e-7), 1, 10), Region.Above(0)),
                         Criterion.Statistical("b", new NormalBounds(5, 1, 10), Region.Above(0)));
        Assert.That(two.Verdict, Is.EqualTo(Verdict.Inconclusive));
        // Holm's second step: with p₁ = 1e-9 rejected, p₂ = 6e-7 is compared with 1e-6/1 and rejected too.
        var both = Decide(Criterion.Statistical("a", new NormalBounds(-Z(6e-7), 1, 10), Region.Above(0)),
                          Criterion.Statistical("b", new NormalBounds(-Z(1e-9), 1, 10), Region.Above(0)));
        Assert.That(both.Assessments.Count(a => a.Finding == Finding.Contradicts), Is.EqualTo(2));
    }

    [Test]
    public void DeterministicCriteria_DoNotSpendTheBudget()
    {
        var d = Decide(Criterion.Error("e", 0, 1), Criterion.Statistical("a", new NormalBounds(-Z(6e-7), 1, 10), Region.Above(0)));
        Assert.That(d.StatisticalCount, Is.EqualTo(1));
        Assert.That(d.Verdict, Is.EqualTo(Verdict.Refuted));
    }

    [Test]
    public void AllSupport_UsesTheClaimsSummary()
    {
        var d = Decide(Criterion.Error("e", 0, 1), Criterion.Statistical("a", new ClopperPearsonBounds(20, 20), Region.Above(0.5)));
        Assert.That((d.Verdict, d.Reason), Is.EqualTo((Verdict.Confirmed, "shown")));
    }

    [Test]
    public void SignTestWithFiveSeeds_CanSupportAt95ButNeverRefuteAtTheBudget()
    {
        Assert.That(Decide(Criterion.Statistical("s", new ClopperPearsonBounds(5, 5), Region.Above(0.5))).Verdict, Is.EqualTo(Verdict.Confirmed));
        var reversed = Decide(Criterion.Statistical("s", new ClopperPearsonBounds(0, 5), Region.Above(0.5)));
        Assert.That(reversed.Verdict, Is.EqualTo(Verdict.Inconclusive));
        Assert.That(reversed.Assessments[0].Power, Does.Contain("would contradict"));
    }

    private static double Z(double p) => -Normal.InvCDF(0, 1, p);
}

public class PremiseTests
{
    [Test]
    public void UnmetPremise_IsUndecided_NeverAContradiction()
    {
        var d = DecisionRule.Decide([Criterion.Premise("some point is stable", false, "no point is")], "shown");
        Assert.That(d.Verdict, Is.EqualTo(Verdict.Inconclusive));
        Assert.That(d.Reason, Does.Contain("premise"));
        Assert.That(DecisionRule.Decide([Criterion.Premise("p", true, "yes")], "shown").Verdict, Is.EqualTo(Verdict.Confirmed));
    }
}

public class ExtremeEvidenceTests
{
    [Test]
    public void AnOverwhelmingStudentContradiction_HasTheFloorP_AndRefutes()
    {
        var c = (StatisticalCriterion)Criterion.Statistical("s", new StudentBounds(-100, 0.0001, 4), Region.Above(0));
        Assert.That(DecisionRule.ContradictionP(c), Is.EqualTo(1e-16));
        Assert.That(DecisionRule.Decide([c], "x").Verdict, Is.EqualTo(Verdict.Refuted));
    }
}
