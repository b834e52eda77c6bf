using Flatness.Claims.Model;
using Flatness.Claims.Running;

namespace Flatness.Claims.Tests.Checks;

/// <summary>A true claim is confirmed at every seed, not only the default: every quick claim at three non-default seeds.</summary>
public class SeedSweepTests
{
    [TestCase(3UL)]
    [TestCase(11UL)]
    [TestCase(987654321UL)]
    public void EveryQuickClaim_IsConfirmed_AtANonDefaultSeed(ulong seed)
    {
        Assume.That(seed, Is.Not.EqualTo(ClaimRunner.DefaultSeed));
        var outcomes = ClaimRunner.Run(ClaimRunner.Select(ClaimCatalog.Default, [], Profile.Quick), seed);
        Assert.That(outcomes, Is.Not.Empty);
        var notConfirmed = outcomes.Where(o => o.Verdict != Verdict.Confirmed).Select(o => $"{o.Claim.Id}: {o.Verdict} ({o.Reason})").ToList();
        Assert.That(notConfirmed, Is.Empty, $"seed {seed}");
    }
}
