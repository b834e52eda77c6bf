using Flatness.Symbolic.Proving;
using Flatness.Symbolic.Terms;
using static Flatness.Symbolic.Terms.T;

namespace Flatness.Symbolic.Tests.Proving;

public class OperatorSelfCheckTests
{
    [Test]
    public void EveryOperator_EvaluatedThroughZ3_AgreesWithItsCSharpValue()
    {
        var results = OperatorSelfCheck.Run();
        Assert.That(results, Has.Count.EqualTo(OperatorSelfCheck.Cases.Count));
        Assert.That(results.Where(r => r.Status != ProofStatus.Proved).Select(r => r.Goal), Is.Empty);
        Assert.That(OperatorSelfCheck.FailuresOnce, Is.Empty);
    }

    [Test]
    public void AbsEncodedAsIdentity_IsRefutedWithTheSampleThatShowsIt()
    {
        // The audit's fault: |z| written as z. The self-check must refute it (z = −3/2 gives −3/2, C# gives 3/2).
        var wrong = new OperatorCase("abs encoded as z", a => a[0], a => Math.Abs(a[0]), [[-1.5], [2]]);
        Assert.That(Z3Checker.Check(OperatorSelfCheck.GoalFor(wrong)).Status, Is.EqualTo(ProofStatus.Refuted));
        var stepWrong = new OperatorCase("step with >=", a => Ite(a[0] >= 0, 1, 0), a => a[0] > 0 ? 1 : 0, [[0]]);
        Assert.That(Z3Checker.Check(OperatorSelfCheck.GoalFor(stepWrong)).Status, Is.EqualTo(ProofStatus.Refuted));
    }

    [Test]
    public void OperatorCases_ReferencesAreDirectCSharp_AtHandCheckedPoints()
    {
        // Hand values: |−1.5| = 1.5, relu(−0.25) = 0, step(0) = 0, leaky(−1.5; 0.25) = −0.375, (−1.5)³ = −3.375.
        double Ref(string name, params double[] args) => OperatorSelfCheck.Cases.Single(c => c.Name == name).Reference(args);
        Assert.That(Ref("abs |z|", -1.5), Is.EqualTo(1.5));
        Assert.That(Ref("relu max(z, 0)", -0.25), Is.EqualTo(0));
        Assert.That(Ref("step 1[z > 0]", 0), Is.EqualTo(0));
        Assert.That(Ref("leaky relu z or alpha z", -1.5, 0.25), Is.EqualTo(-0.375));
        Assert.That(Ref("power z^3", -1.5), Is.EqualTo(-3.375));
    }

    [Test]
    public void Definitions_RestatingAHypothesis_AreRecognised_GenuineGoalsAreNot()
    {
        var (l, r, x) = (Real("L"), Real("r"), Real("x"));
        var restated = Goal.Of("r^2 = 2L", Eq(r * r, 2 * l), Eq(2 * l, r * r));
        Assert.That(DefinitionGoals.RestatedHypothesis(restated), Is.Not.Null);
        var identical = Goal.Of("x > 0", x > 0, x > 0);
        Assert.That(DefinitionGoals.RestatedHypothesis(identical), Is.Not.Null);
        var genuine = Goal.Of("AM-GM", x * x + 1 >= 2 * x, x >= 0);
        Assert.That(DefinitionGoals.RestatedHypothesis(genuine), Is.Null);
        var implied = Goal.Of("x^2 > 0 from x > 0", x * x > 0, x > 0);
        Assert.That(DefinitionGoals.RestatedHypothesis(implied), Is.Null, "implied but not equivalent: a real goal");
    }

    [Test]
    public void Prover_LabelsDefinitions_AndDoesNotCountThemAsProved()
    {
        var (l, r) = (Real("L"), Real("r"));
        var o = new Obligation("X-00", "test", "test", "[derived]", [],
            [Goal.Of("restated", Eq(r * r, 2 * l), Eq(2 * l, r * r)), Goal.Of("real", r * r >= 0)],
            "false", [Goal.Of("false", r * r > 0)]);
        var result = Prover.Run(o);
        Assert.That(result.Status, Is.EqualTo(ProofStatus.Proved));
        Assert.That(result.Definitions, Is.EqualTo(1));
        Assert.That(result.ProvedGoals, Is.EqualTo(1));
        Assert.That(result.Goals[0].Reason, Does.StartWith("definition"));
    }

    [Test]
    public void Prover_RetriesATimeoutOnceWithThreeTimesTheLimit_AndStaysInconclusive()
    {
        // x³ + y³ = z³ over positive integers: undecidable for the solver in this time, so both tries time out.
        var (x, y, z) = (IntVariable("x"), IntVariable("y"), IntVariable("z"));
        Term Cube(Term t) => t * t * t;
        var goal = Goal.Of("Fermat n = 3", !Eq(Cube(x) + Cube(y), Cube(z)), ToReal(x) >= 1, ToReal(y) >= 1, ToReal(z) >= 1);
        var o = new Obligation("X-01", "test", "test", "[derived]", [], [goal], "false", [Goal.Of("false", ToReal(x) * ToReal(x) < 0)]);
        var result = Prover.Run(o, timeoutMs: 200);
        Assert.That(result.Status, Is.EqualTo(ProofStatus.Inconclusive));
        Assert.That(result.Goals.Single().Reason, Does.Contain("timeout after 600 ms").And.Contain("also timed out after 200 ms"));
    }
}
