using Flatness.Claims.Checks.Symbolic;
using Flatness.Claims.Model;
using Flatness.Symbolic.Proving;
using Flatness.Symbolic.Terms;
using static Flatness.Symbolic.Terms.T;

namespace Flatness.Claims.Tests.Checks;

/// <summary>The symbolic verdicts are computed from the solver, never assumed: a false obligation is refuted, an
/// undecidable one inconclusive, one whose mutant survives is not confirmed.</summary>
public class ObligationClaimTests
{
    private static readonly Var X = Real("x");

    private static Obligation Make(Goal goal, Goal mutant) => new("A-99", "test", "test", "[derived]", ["A-01"], [goal], "m", [mutant]);

    private static readonly Goal True = Goal.Of("x^2 >= 0", X * X >= 0);
    private static readonly Goal False = Goal.Of("x >= 1", X >= 1);

    [Test]
    public void FalseObligation_IsRefuted_WithTheCounterModelInTheReason()
    {
        var e = new ObligationClaim(Make(False, False)).Check(new ClaimContext(1, 1));
        Assert.That(e.Verdict, Is.EqualTo(Verdict.Refuted));
        Assert.That(e.Reason, Does.Contain("counter-model").And.Contain("x = "));
    }

    [Test]
    public void TrueObligationWithARefutedMutant_IsConfirmed() =>
        Assert.That(new ObligationClaim(Make(True, False)).Check(new ClaimContext(1, 1)).Verdict, Is.EqualTo(Verdict.Confirmed));

    [Test]
    public void SurvivingMutant_MakesTheClaimInconclusive()
    {
        var e = new ObligationClaim(Make(True, True)).Check(new ClaimContext(1, 1));
        Assert.That(e.Verdict, Is.EqualTo(Verdict.Inconclusive));
        Assert.That(e.Reason, Does.Contain("mutant"));
    }
}
