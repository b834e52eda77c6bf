using Flatness.Numerics.Curvature;
using Flatness.Claims.Model;
using Flatness.Constructions.Teachers;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-18: the A-D1 flatness floor grows with the label noise, in proportion to E|y| (spec A-D1).</summary>
internal sealed class A18FloorGrowsWithNoise() : Claim("A-18")
{
    private static readonly double[] NoiseLevels = [0, 0.1, 0.3, 0.5, 1.0];
    private const int Dimension = 50, Samples = 200, Replicates = 20;
    public override string Title => "The flatness floor grows with label noise";
    public override IReadOnlyList<string> DependsOn => ["A-07"];
    public override string Statement =>
        @"For $y=(u^\top x)_++\varsigma\varepsilon$ the A-D1 floor $\frac4{\nu n}\sum_i\|x_i\||y_i|$ of every interpolator's trace tends to $\frac4\nu\mathbb E[\|x\||y|]\approx\frac4\nu\sqrt d\,\mathbb E|y|$, which is non-decreasing in $\varsigma$: minimum flatness rises with label noise.";
    public override string Method =>
        "d = 50, n = 200, 20 replicate data sets; for each replicate the same inputs and the same ε are used at every " +
        "ς ∈ {0, 0.1, 0.3, 0.5, 1} (common random numbers). Per ς the pooled mean of the floor over the 20 replicates is compared " +
        "with the exact population floor (`NoisyFloor.FloorLimit`, quadrature) by a normal test with its SE; each step in ς " +
        "is tested one-sidedly for a significant decrease of the paired replicate differences; the population floor must be " +
        "strictly increasing and within 3 % of 4 E χ_d E|y| (proportional to E|y|, up to the ‖x‖–|y| covariance).";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        int twoSided = NoiseLevels.Length, oneSided = NoiseLevels.Length - 1, tests = twoSided + oneSided;
        // The SEs come from 20 replicates, so the critical values are Student-t quantiles with 19 degrees of freedom.
        double zTwo = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, Replicates - 1, 1 - PaperAStatistics.FamilyWiseLevel / (2.0 * tests));
        double zOne = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, Replicates - 1, 1 - PaperAStatistics.FamilyWiseLevel / tests);
        var b = new EvidenceBuilder().Parameter("d", Numbers.Count(Dimension)).Parameter("n", Numbers.Count(Samples)).Parameter("replicates", Numbers.Count(Replicates))
            .Parameter("ς", string.Join(", ", NoiseLevels)).Parameter("family-wise false-refutation probability", $"1e-3 (Bonferroni over {tests} sub-tests)");
        // floors[r][k]: replicate r at noise level k.
        var floors = new double[Replicates][];
        for (int r = 0; r < Replicates; r++)
        {
            var teacher = Teacher.SingleIndex(new Relu(), Teacher.RandomDirection(Dimension, rng));
            var clean = Teacher.GaussianSample(teacher, Samples, 0, rng);
            var eps = new double[Samples];
            rng.FillGaussian(eps);
            floors[r] = new double[NoiseLevels.Length];
            for (int k = 0; k < NoiseLevels.Length; k++)
            {
                var y = Enumerable.Range(0, Samples).Select(i => clean.Target(i) + NoiseLevels[k] * eps[i]).ToArray();
                floors[r][k] = InterpolatorFloor.Value(new Relu(), clean.WithTargets(y));
            }
        }
        var table = b.Table("Floor against noise", "ς", "mean floor (20 × 200 samples)", "SE", "population floor", "|z|", "population / (4 E χ_d E|y|)");
        double worstZ = 0, worstDrop = 0, worstProp = 0;
        bool populationIncreasing = true;
        var means = new double[NoiseLevels.Length];
        var pops = new double[NoiseLevels.Length];
        for (int k = 0; k < NoiseLevels.Length; k++)
        {
            var v = floors.Select(f => f[k]).ToArray();
            double mean = v.Average(), se = Math.Sqrt(v.Sum(t => (t - mean) * (t - mean)) / (Replicates - 1) / Replicates);
            double pop = NoisyFloor.FloorLimit(Dimension, NoiseLevels[k]);
            double prop = pop / (4 * PopulationFlatness.MeanChi(Dimension) * NoisyFloor.MeanAbsoluteLabel(NoiseLevels[k]));
            double z = Math.Abs(mean - pop) / se;
            worstZ = Math.Max(worstZ, z);
            worstProp = Math.Max(worstProp, Math.Abs(prop - 1));
            if (k > 0 && !(pop > pops[k - 1])) populationIncreasing = false;
            means[k] = mean;
            pops[k] = pop;
            table.Row(Numbers.Format(NoiseLevels[k]), Numbers.Format(mean, 5), Numbers.Format(se, 2), Numbers.Format(pop, 5), Numbers.Format(z, 3), Numbers.Format(prop, 4));
        }
        var steps = b.Table("Paired steps in ς (common random numbers)", "from ς", "to ς", "mean difference", "SE", "difference / SE");
        for (int k = 0; k + 1 < NoiseLevels.Length; k++)
        {
            var diff = floors.Select(f => f[k + 1] - f[k]).ToArray();
            double mean = diff.Average(), se = Math.Sqrt(diff.Sum(t => (t - mean) * (t - mean)) / (Replicates - 1) / Replicates);
            double t = mean / Math.Max(se, 1e-300);
            worstDrop = Math.Min(worstDrop, t);
            steps.Row(Numbers.Format(NoiseLevels[k]), Numbers.Format(NoiseLevels[k + 1]), Numbers.Format(mean, 4), Numbers.Format(se, 2), Numbers.Format(t, 3));
        }
        b.Figure(new Figure("floor-vs-noise", "A-D1 floor against label noise", "noise level ς", "floor (ν = 1)",
            [new Series("measured mean over replicates", NoiseLevels, means, SeriesStyle.Markers), new Series("population floor (quadrature)", NoiseLevels, pops, SeriesStyle.Line)],
            "The measured floors follow the exact population floor, which rises with the noise level."));
        b.Note($"False-refutation probability per run: at most 1e-3 family-wise (Bonferroni over {tests} sub-tests: {twoSided} two-sided t-tests of the mean floor against the population floor, critical value {zTwo:0.###}, and {oneSided} one-sided t-tests against a decrease between neighbouring noise levels, critical value {zOne:0.###}; 19 degrees of freedom because the SE is estimated from 20 replicates)." +
            " The replicate floors are means of 200 i.i.d. terms, so close to normal. The proportionality criterion is deterministic: E[‖x‖|y|] differs from E‖x‖E|y| only by the covariance of ‖x‖ and |y|, of relative order 1/d.");
        b.Metric("maxAbsZ", worstZ, 3).Metric("mostNegativeStep", worstDrop, 3).Metric("maxProportionalityGap", worstProp, 3);
        bool holds = worstZ <= zTwo && worstDrop >= -zOne && populationIncreasing && worstProp <= 0.03;
        return b.Decide(holds, VerdictMethod.Statistics,
            $"the measured floor matches the exact population floor at every ς (largest |z| {Numbers.Format(worstZ, 3)}), no step in ς decreases it significantly, and the population floor increases in proportion to E|y| (within {Numbers.Format(100 * worstProp, 2)} %).",
            $"a criterion failed: largest |z| {Numbers.Format(worstZ, 3)} (≤ {Numbers.Format(zTwo, 3)}), most negative step {Numbers.Format(worstDrop, 3)} SE (≥ −{Numbers.Format(zOne, 3)}), population increasing {populationIncreasing}, proportionality gap {Numbers.Format(worstProp, 3)} (≤ 0.03).",
            $"max |z| {Numbers.Format(worstZ, 2)}, prop. gap {Numbers.Format(100 * worstProp, 2)} %");
    }
}
