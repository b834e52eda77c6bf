using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Tests.TestPaper;

/// <summary>T-01 of the test paper: AM ≥ GM on random pairs (an exact criterion).</summary>
internal sealed class T01ArithmeticGeometricMean() : Claim("T-01")
{
    public override string Title => "AM >= GM";
    public override string Statement => @"$\frac{x+y}2\ge\sqrt{xy}$ for $x,y\ge0$.";
    public override string Method => "1000 random pairs in [0, 10]²; the smallest AM − GM must be ≥ 0.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        double worst = double.PositiveInfinity;
        for (int i = 0; i < 1000; i++)
        {
            double x = 10 * rng.NextDouble(), y = 10 * rng.NextDouble();
            worst = Math.Min(worst, (x + y) / 2 - Math.Sqrt(x * y));
        }
        return new EvidenceBuilder()
            .Criterion(Criterion.Exact("smallest AM − GM over 1000 pairs", worst, Region.Above(0)))
            .Decide(VerdictMethod.ExactNumerics, "AM ≥ GM at every pair.", $"min {Numbers.Format(worst, 3)}");
    }
}

/// <summary>T-02 of the test paper: the mean of U(0, 1) is ½ (a statistical criterion).</summary>
internal sealed class T02UniformMean() : Claim("T-02")
{
    public override string Title => "The mean of U(0,1) is 1/2";
    public override string Statement => @"$\mathbb E\,U(0,1)=\frac12$.";
    public override string Method => "10⁴ draws; the sample mean must be shown within ½ ± 0.02.";
    public override IReadOnlyList<string> DependsOn => ["T-01"];

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var x = Enumerable.Range(0, 10_000).Select(_ => rng.NextDouble()).ToArray();
        var mean = Descriptive.Mean(x);
        return new EvidenceBuilder()
            .Criterion(Criterion.Statistical("sample mean", mean.Bounds(), Region.Near(0.5, 0.02)))
            .Decide(VerdictMethod.Statistics, "the sample mean is within 1/2 ± 0.02.", Numbers.Format(mean.Mean, 4));
    }
}
