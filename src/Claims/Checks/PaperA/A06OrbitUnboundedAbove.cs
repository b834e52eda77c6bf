using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-06: the trace is unbounded above on the orbit, with log-slopes 2k (c → ∞) and −2 (c → 0).</summary>
internal sealed class A06OrbitUnboundedAbove() : Claim("A-06")
{
    public override string Title => "The rescaling orbit is unbounded above (log-slopes 2k and -2)";
    public override IReadOnlyList<string> DependsOn => ["A-25"];
    public override string Statement =>
        @"With $P_j,Q_j>0$, $\mathrm{Tr}\,\nabla^2\hat L$ of the rescaled network grows like $c^{2k}$ as $c\to\infty$ and like $c^{-2}$ as $c\to0$: " +
        @"any interpolator can be made arbitrarily sharp (Dinh et al. 2017).";
    public override string Method =>
        "Random interpolating networks (hidden biases); every neuron is rescaled by the same c on a grid log₁₀c ∈ [−3, 3] and " +
        "the exact trace of the rescaled network is computed. The secant log-slopes over log₁₀c ∈ [2.9, 3] and [−3, −2.9] " +
        "must be 2k ± 0.01 and −2 ± 0.01.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("networks", "n = 8, d = 3, m = 4, hidden biases, interpolating, nu = 1")
            .Parameter("grid", "log10 c from -3 to 3 in steps of 0.1");
        var table = b.Table("Log-slopes of the trace", "k", "slope as c -> infinity", "expected", "slope as c -> 0", "expected");
        var series = new List<Series>();
        double worst = 0;
        foreach (int k in new[] { 1, 2, 3 })
        {
            Activation act = k == 1 ? new Relu() : new ReluPower(k);
            var c = CaseFactory.Make(act, true, false, true, 8, 3, 4, rng);
            double TraceAt(double log10c) =>
                HessianTrace.Compute(PerNeuronRescaling.Apply(c.Network, Enumerable.Repeat(Math.Pow(10, log10c), 4).ToArray()), c.Data).Trace;
            var grid = Enumerable.Range(0, 61).Select(i => -3 + 0.1 * i).ToArray();
            var logT = grid.Select(g => Math.Log10(TraceAt(g))).ToArray();
            double hi = (logT[60] - logT[59]) / 0.1, lo = (logT[1] - logT[0]) / 0.1;
            worst = Math.Max(worst, Math.Max(Math.Abs(hi - 2 * k), Math.Abs(lo + 2)));
            table.Row(Numbers.Count(k), Numbers.Format(hi, 6), Numbers.Count(2 * k), Numbers.Format(lo, 6), "-2");
            series.Add(new Series($"k = {k}", grid, logT));
        }
        b.Figure(new Figure("orbit-slopes", "Trace along the orbit c -> (c w, c^-k a), all neurons", "log10 c", "log10 Tr Hessian", series,
            "Straight lines of slope 2k on the right and -2 on the left: the trace is unbounded above in both directions while f stays the same."));
        b.ErrorMetric("maxSlopeDeviation", worst);
        b.Criterion(Criterion.Error("largest deviation of the end log-slopes from 2k (c → ∞) and −2 (c → 0)", worst, 0.01));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"the log-slopes are 2k and -2 to within {Numbers.Error(worst)} for k = 1, 2, 3.",
            $"max slope deviation {Numbers.Error(worst)}");
    }
}
