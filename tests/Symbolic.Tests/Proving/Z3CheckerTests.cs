using Flatness.Symbolic.Proving;
using Flatness.Symbolic.Terms;
using static Flatness.Symbolic.Terms.T;

namespace Flatness.Symbolic.Tests.Proving;

public class Z3CheckerTests
{
    [Test]
    public void TrueStatement_IsProved_FalseStatement_IsRefutedWithAModelThatSatisfiesTheNegation()
    {
        var x = Real("x");
        Assert.That(Z3Checker.Check(Goal.Of("x^2 >= 0", x * x >= 0)).Status, Is.EqualTo(ProofStatus.Proved));
        var refuted = Z3Checker.Check(Goal.Of("x^2 >= 1 for x > 0", x * x >= 1, x > 0));
        Assert.That(refuted.Status, Is.EqualTo(ProofStatus.Refuted));
        // The counter-model must satisfy x > 0 and x² < 1.
        string value = refuted.CounterModel!.Single(kv => kv.Key == "x").Value;
        double xv = ParseModelValue(value);
        Assert.That(xv, Is.GreaterThan(0).And.LessThan(1));
    }

    [Test]
    public void Timeout_IsInconclusive_NeverProved()
    {
        // x³ + y³ = z³ over positive integers (Fermat, n = 3): nonlinear integer arithmetic the solver cannot settle.
        var (x, y, z) = (IntVariable("x"), IntVariable("y"), IntVariable("z"));
        Term cube(Term t) => t * t * t;
        var goal = Goal.Of("Fermat n = 3", !T.Eq(cube(x) + cube(y), cube(z)), ToReal(x) >= 1, ToReal(y) >= 1, ToReal(z) >= 1);
        var r = Z3Checker.Check(goal, timeoutMs: 300);
        Assert.That(r.Status, Is.EqualTo(ProofStatus.Inconclusive), r.CounterModelText);
        Assert.That(r.Reason, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void CounterModels_AreIdenticalOnEveryRun()
    {
        var (p, q, s, t) = (Real("P"), Real("Q"), Real("s"), Real("t"));
        var goal = Goal.Of("tP = Q", T.Eq(t * t * p + q, 2 * s * t), p >= 0, q >= 0, t > 0, s >= 0, T.Eq(s * s, p * q), T.Eq(t * p, q));
        var first = Z3Checker.Check(goal).CounterModelText;
        for (int i = 0; i < 5; i++)
        {
            GC.Collect();
            Assert.That(Z3Checker.Check(goal).CounterModelText, Is.EqualTo(first));
        }
    }

    [Test]
    public void ObligationStatus_NeverPromotesInconclusiveToProved()
    {
        var o = new Obligation("X-1", "s", "s", "[derived]", ["A-01"], [], "m", []);
        GoalResult G(ProofStatus s) => new("g", s, null, s == ProofStatus.Inconclusive ? "timeout" : null, 1);
        Assert.Multiple(() =>
        {
            Assert.That(new ObligationResult(o, [G(ProofStatus.Proved), G(ProofStatus.Inconclusive)], [G(ProofStatus.Refuted)]).Status, Is.EqualTo(ProofStatus.Inconclusive));
            Assert.That(new ObligationResult(o, [G(ProofStatus.Proved), G(ProofStatus.Refuted)], [G(ProofStatus.Refuted)]).Status, Is.EqualTo(ProofStatus.Refuted));
            Assert.That(new ObligationResult(o, [G(ProofStatus.Proved)], [G(ProofStatus.Inconclusive)]).MutantStatus, Is.EqualTo(ProofStatus.Inconclusive));
            Assert.That(new ObligationResult(o, [G(ProofStatus.Proved)], [G(ProofStatus.Refuted), G(ProofStatus.Proved)]).MutantStatus, Is.EqualTo(ProofStatus.Proved));
            Assert.That(new ObligationResult(o, [G(ProofStatus.Proved)], [G(ProofStatus.Proved)]).Passed, Is.False);
            Assert.That(new ObligationResult(o, [], [G(ProofStatus.Refuted)]).Status, Is.EqualTo(ProofStatus.Inconclusive), "no goals proves nothing");
        });
    }

    internal static double ParseModelValue(string value)
    {
        // "1/2 (~0.5)", "3", "~1.4142135623?"
        string v = value.Split(' ')[0].TrimStart('~').TrimEnd('?');
        if (v.Contains('/'))
        {
            var parts = v.Split('/');
            return double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) / double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        return double.Parse(v, System.Globalization.CultureInfo.InvariantCulture);
    }
}
