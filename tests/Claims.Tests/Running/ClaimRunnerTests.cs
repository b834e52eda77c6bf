using Flatness.Claims.Model;
using Flatness.Claims.Running;

namespace Flatness.Claims.Tests.Running;

public class ClaimRunnerTests
{
    [Test]
    public void Select_NamedIds_BringTheirDependencies_InDependencyOrder()
    {
        var ids = ClaimRunner.Select(ClaimCatalog.Default, ["A-05"], Profile.Quick).Select(c => c.Id).ToList();
        Assert.That(ids, Is.EqualTo(new[] { "A-26", "A-27", "A-28", "A-29", "A-05" }));
    }

    [Test]
    public void Select_UnknownId_IsAnError() =>
        Assert.That(() => ClaimRunner.Select(ClaimCatalog.Default, ["A-05", "Z-99"], Profile.Quick), Throws.ArgumentException.With.Message.Contains("Z-99"));

    [Test]
    public void Select_ProfileQuick_IsTheQuickClaims_AndFullIncludesThem()
    {
        var quick = ClaimRunner.Select(ClaimCatalog.Default, [], Profile.Quick).Select(c => c.Id).ToHashSet();
        var full = ClaimRunner.Select(ClaimCatalog.Default, [], Profile.Full).Select(c => c.Id).ToHashSet();
        Assert.That(quick, Is.SubsetOf(full));
        Assert.That(quick, Is.EquivalentTo(ClaimCatalog.Default.All.Where(c => c.Profile == Profile.Quick).Select(c => c.Id)));
    }

    [Test]
    public void ThrowingCheck_IsReportedAsError_AndTheOthersStillRun()
    {
        var claims = new Claim[] { new FakeClaim("X-01", () => throw new InvalidOperationException("boom")), new FakeClaim("X-02", () => Verdict.Confirmed) };
        var outcomes = ClaimRunner.Run(claims, 1);
        Assert.That(outcomes[0].Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(outcomes[0].Reason, Does.Contain("boom"));
        Assert.That(outcomes[1].Verdict, Is.EqualTo(Verdict.Confirmed));
    }

    [TestCase(Verdict.Refuted)]
    [TestCase(Verdict.Inconclusive)]
    [TestCase(Verdict.Error)]
    public void ConfirmedClaim_RestingOnAnUnconfirmedOne_IsOnlyInconclusive(Verdict dependency)
    {
        var dep = new FakeClaim("X-01", () => dependency == Verdict.Error ? throw new InvalidOperationException() : dependency);
        var top = new FakeClaim("X-02", () => Verdict.Confirmed, "X-01");
        var outcomes = ClaimRunner.Run([dep, top], 1);
        Assert.That(outcomes[1].Evidence.Verdict, Is.EqualTo(Verdict.Confirmed), "its own check");
        Assert.That(outcomes[1].Verdict, Is.EqualTo(Verdict.Inconclusive), "effective");
        Assert.That(outcomes[1].Reason, Does.Contain("X-01"));
        Assert.That(outcomes[1].FullyConfirmed, Is.False);
    }

    [Test]
    public void RefutedClaim_StaysRefuted_WhateverItsDependencies()
    {
        var outcomes = ClaimRunner.Run([new FakeClaim("X-01", () => Verdict.Confirmed), new FakeClaim("X-02", () => Verdict.Refuted, "X-01")], 1);
        Assert.That(outcomes[1].Verdict, Is.EqualTo(Verdict.Refuted));
    }

    [Test]
    public void EachClaim_GetsASeedDerivedFromTheRunSeedAndItsId()
    {
        var a = new FakeClaim("X-01", () => Verdict.Confirmed);
        var b = new FakeClaim("X-02", () => Verdict.Confirmed);
        ClaimRunner.Run([a, b], 7);
        ulong a7 = a.SeenSeed, b7 = b.SeenSeed;
        ClaimRunner.Run([a], 8);
        Assert.That(a7, Is.Not.EqualTo(b7));
        Assert.That(a.SeenSeed, Is.Not.EqualTo(a7));
        ClaimRunner.Run([a], 7);
        Assert.That(a.SeenSeed, Is.EqualTo(a7));
    }

    internal sealed class FakeClaim(string id, Func<Verdict> verdict, params string[] dependsOn) : Claim(id)
    {
        public ulong SeenSeed { get; private set; }
        public override string Title => "fake " + Id;
        public override string Statement => "a fake claim";
        public override string Method => "returns a fixed verdict";
        public override IReadOnlyList<string> DependsOn => dependsOn;

        public override Evidence Check(ClaimContext context)
        {
            SeenSeed = context.Seed;
            var v = verdict();
            return new EvidenceBuilder().Metric("x", 1.23456789).Build(v, VerdictMethod.ExactNumerics, $"fake {v}", "k");
        }
    }
}
