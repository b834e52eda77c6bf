using Flatness.Numerics.Curvature;
using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Teachers;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Population;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-18: the A-D1 flatness floor grows with the label noise, in proportion to E|y| (spec A-D1).</summary>
internal sealed class A18FloorGrowsWithNoise() : Claim("A-18")
{
    private static readonly double[] NoiseLevels = [0, 0.1, 0.3, 0.5, 1.0];
    private const int Dimension = 50, Samples = 200, Replicates = 300;

    /// <summary>Equivalence margin on mean floor / population floor (±5 %), fixed before the run: one replicate's floor has a
    /// coefficient of variation of at most about 12 % (ς = 0), so the mean of 300 has a relative SE of at most 0.7 % and the
    /// margin is at least 7 SE.</summary>
    private const double Margin = 0.05;
    public override string Title => "The flatness floor grows with label noise";
    public override IReadOnlyList<string> DependsOn => ["A-07"];
    public override string Statement =>
        @"For $y=(u^\top x)_++\varsigma\varepsilon$ the A-D1 floor $\frac4{\nu n}\sum_i\|x_i\||y_i|$ of every interpolator's trace tends to " +
        @"$\frac4\nu\mathbb E[\|x\||y|]\approx\frac4\nu\sqrt d\,\mathbb E|y|$, which is non-decreasing in $\varsigma$: " +
        @"minimum flatness rises with label noise.";
    public override string Method =>
        "d = 50, n = 200, 300 replicate data sets; for each replicate the same inputs and the same ε are used at every " +
        "ς ∈ {0, 0.1, 0.3, 0.5, 1} (common random numbers). Criteria: per ς the mean floor over the replicates divided by the exact population " +
        "floor (`NoisyFloor.FloorLimit`, quadrature) = 1 ± 0.05 (an equivalence test with Student bounds, 299 degrees of freedom; margin fixed " +
        "before the run, at least 7 SE); each step in ς increases the floor: the mean of the paired replicate differences > 0 (Student bounds); " +
        "the population floor never decreases from one ς to the next and lies within 3 % of 4 E χ_d E|y| (proportional to E|y|, up to the " +
        "‖x‖–|y| covariance; deterministic).";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("d", Numbers.Count(Dimension)).Parameter("n", Numbers.Count(Samples))
            .Parameter("replicates", Numbers.Count(Replicates))
            .Parameter("ς", string.Join(", ", NoiseLevels)).Parameter("equivalence margin", $"mean floor / population floor: ±{Numbers.Format(Margin)}");
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
        var table = b.Table("Floor against noise", "ς", $"mean floor ({Replicates} × {Samples} samples)", "SE", "population floor",
            "(mean − population)/SE", "population / (4 E χ_d E|y|)");
        double worstZ = 0, worstDrop = double.PositiveInfinity, worstProp = 0, smallestStep = double.PositiveInfinity;
        var means = new double[NoiseLevels.Length];
        var pops = new double[NoiseLevels.Length];
        for (int k = 0; k < NoiseLevels.Length; k++)
        {
            var v = Descriptive.Mean(floors.Select(f => f[k]).ToArray());
            double mean = v.Mean, se = v.StandardError;
            double pop = NoisyFloor.FloorLimit(Dimension, NoiseLevels[k]);
            double prop = pop / (4 * PopulationFlatness.MeanChi(Dimension) * NoisyFloor.MeanAbsoluteLabel(NoiseLevels[k]));
            b.Criterion(Criterion.Statistical($"mean floor / population floor at ς = {Numbers.Format(NoiseLevels[k])}",
                new StudentBounds(mean / pop, se / pop, Replicates - 1), Region.Near(1, Margin)));
            double z = (mean - pop) / se;
            worstZ = Math.Max(worstZ, Math.Abs(z));
            worstProp = Math.Max(worstProp, Math.Abs(prop - 1));
            if (k > 0) smallestStep = Math.Min(smallestStep, pop - pops[k - 1]);
            means[k] = mean;
            pops[k] = pop;
            table.Row(Numbers.Format(NoiseLevels[k]), Numbers.Format(mean, 5), Numbers.Format(se, 2), Numbers.Format(pop, 5),
                Numbers.Format(z, 3), Numbers.Format(prop, 4));
        }
        var steps = b.Table("Paired steps in ς (common random numbers)", "from ς", "to ς", "mean difference", "SE", "difference / SE");
        for (int k = 0; k + 1 < NoiseLevels.Length; k++)
        {
            var diff = Descriptive.Mean(floors.Select(f => f[k + 1] - f[k]).ToArray());
            double mean = diff.Mean, se = diff.StandardError;
            b.Criterion(Criterion.Statistical($"mean paired increase of the floor from ς = {Numbers.Format(NoiseLevels[k])} " +
                $"to {Numbers.Format(NoiseLevels[k + 1])}",
                new StudentBounds(mean, se, Replicates - 1), Region.Above(0)));
            double t = mean / Math.Max(se, 1e-300);
            worstDrop = Math.Min(worstDrop, t);
            steps.Row(Numbers.Format(NoiseLevels[k]), Numbers.Format(NoiseLevels[k + 1]), Numbers.Format(mean, 4), Numbers.Format(se, 2), Numbers.Format(t, 3));
        }
        b.Figure(new Figure("floor-vs-noise", "A-D1 floor against label noise", "noise level ς", "floor (ν = 1)",
            [new Series("measured mean over replicates", NoiseLevels, means, SeriesStyle.Markers),
                new Series("population floor (quadrature)", NoiseLevels, pops, SeriesStyle.Line)],
            "The measured floors follow the exact population floor, which rises with the noise level."));
        b.Note("The replicate floors are means of 200 i.i.d. terms ‖xᵢ‖|yᵢ| with Gaussian tails, so close to normal, and the 300 replicates are independent: " +
            "Student bounds. The proportionality criterion is deterministic: " +
            "E[‖x‖|y|] differs from E‖x‖E|y| only by the covariance of ‖x‖ and |y|, of relative order 1/d.");
        b.Metric("maxAbsZ", worstZ, 3).Metric("mostNegativeStep", worstDrop, 3).Metric("maxProportionalityGap", worstProp, 3);
        b.Criterion(Criterion.Exact("smallest step of the population floor between neighbouring ς", smallestStep, Region.Above(0), 4))
         .Criterion(Criterion.Exact("largest |population floor / (4 E χ_d E|y|) − 1| (deterministic)", worstProp, Region.Below(0.03), 3));
        return b.Decide(VerdictMethod.Statistics,
            $"the mean floor is shown within ±5 % of the exact population floor at every ς (largest |z| {Numbers.Format(worstZ, 3)}), " +
            $"every step in ς increases it (smallest paired t {Numbers.Format(worstDrop, 3)}), " +
            $"and the population floor increases in proportion to E|y| (within {Numbers.Format(100 * worstProp, 2)} %).",
            $"max |z| {Numbers.Format(worstZ, 2)}, prop. gap {Numbers.Format(100 * worstProp, 2)} %");
    }
}
