using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Optimization;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-05: the orbit minimum m_k(P, Q) and its argmin c^{2k+2} = Q/(kP) (spec F2).</summary>
internal sealed class A05OrbitMinimum() : Claim("A-05")
{
    public override string Title => "Orbit minimum m_k(P, Q) and its argmin";
    public override IReadOnlyList<string> DependsOn => ["A-26", "A-27", "A-28", "A-29"];
    public override string Statement =>
        @"For $P,Q>0$: $\min_{c>0}c^{2k}P+c^{-2}Q=m_k(P,Q)=(k+1)k^{-k/(k+1)}P^{1/(k+1)}Q^{k/(k+1)}$, attained at $c^{2k+2}=Q/(kP)$; " +
        @"the balanced network attains the orbit-minimal trace $F^\star(\theta)=\frac{2}{\nu n}\sum_jm_k(P_j,Q_j)$.";
    public override string Method =>
        "Per-neuron (Pⱼ, Qⱼ) from random interpolating networks (k = 1, 2, 3). The closed form (`OrbitMinimalTrace`) is " +
        "compared with a golden-section minimisation of c^{2k}P + c^{−2}Q over log c ∈ [−20, 20] (bracket 10⁻¹⁰): value " +
        "to 10⁻⁵ (relative), argmin to 10⁻³ (the minimum is flat, so c is pinned only to about the square root of the " +
        "tolerance). The balanced network (`PerNeuronRescaling.Balance`) must have trace equal to F* to 10⁻⁹.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder()
            .Parameter("networks", "n = 8, d = 3, m = 4, hidden biases, interpolating, 3 per degree")
            .Parameter("reference", "golden-section search on log c in [-20, 20]");
        var table = b.Table("Per-neuron minimum", "k", "P", "Q", "m_k closed form", "golden section", "rel. error", "c* closed form", "c* search");
        var balance = b.Table("Balanced networks", "case", "F* (closed form)", "Tr at balance", "rel. error");
        double worstValue = 0, worstArg = 0, worstBalance = 0;
        var series = new List<Series>();
        foreach (int k in new[] { 1, 2, 3 })
        {
            Activation act = k == 1 ? new Relu() : new ReluPower(k);
            for (int rep = 0; rep < 3; rep++)
            {
                var c = CaseFactory.Make(act, true, false, true, 8, 3, 4, rng);
                var trace = HessianTrace.Compute(c.Network, c.Data);
                var orbit = OrbitMinimalTrace.Compute(trace, k);
                for (int j = 0; j < 4; j++)
                {
                    double p = trace.P[j], q = trace.Q[j];
                    if (!(p > 0 && q > 0)) continue;
                    var search = GoldenSectionSearch.Minimize(t => OrbitMinimalTrace.TraceAlongOrbit(p, q, k, Math.Exp(t)), -20, 20);
                    double closed = OrbitMinimalTrace.MinimumOverOrbit(p, q, k), cStar = OrbitMinimalTrace.MinimisingRescaling(p, q, k);
                    double ev = Descriptive.RelativeError(closed, search.Value), ea = Descriptive.RelativeError(Math.Exp(search.Argument), cStar);
                    worstValue = Math.Max(worstValue, ev);
                    worstArg = Math.Max(worstArg, ea);
                    if (j < 2) table.Row(Numbers.Count(k), Numbers.Format(p), Numbers.Format(q), Numbers.Format(closed), Numbers.Format(search.Value),
                        Numbers.Error(ev), Numbers.Format(cStar), Numbers.Format(Math.Exp(search.Argument)));
                    if (series.Count < k)
                    {
                        // Centred on the argmin: log10 c − log10 c* ∈ [−0.6, 0.6].
                        var offsets = Enumerable.Range(0, 49).Select(i => -0.6 + i * 0.025).ToArray();
                        series.Add(new Series($"k = {k}", offsets,
                            offsets.Select(o => Math.Log10(OrbitMinimalTrace.TraceAlongOrbit(p, q, k, cStar * Math.Pow(10, o)) / closed)).ToArray()));
                    }
                }
                var balanced = PerNeuronRescaling.Balance(c.Network, c.Data);
                double atBalance = HessianTrace.Compute(balanced, c.Data).Trace;
                double eb = Descriptive.RelativeError(atBalance, orbit.Value!.Value);
                worstBalance = Math.Max(worstBalance, eb);
                balance.Row(c.Label, Numbers.Format(orbit.Value!.Value), Numbers.Format(atBalance), Numbers.Error(eb));
            }
        }
        b.Figure(new Figure("orbit", "One neuron's block trace along its rescaling orbit", "log10(c / c*), c* the closed-form argmin",
            "log10[(c^2k P + c^-2 Q) / m_k(P, Q)]",
            series, "Each curve is one neuron's block trace along its orbit, divided by the closed-form minimum m_k and centred on the closed-form argmin " +
                "c*: every curve touches 0 (ratio 1) exactly at c = c* and nowhere goes below.",
            HorizontalLines: [("closed-form minimum", 0.0)], VerticalLines: [("closed-form argmin", 0.0)]));
        b.ErrorMetric("maxValueError", worstValue).ErrorMetric("maxArgminError", worstArg).ErrorMetric("maxBalancedTraceError", worstBalance);
        b.Criterion(Criterion.Error("largest relative error of m_k(P, Q) against golden-section minimisation", worstValue, 1e-5))
         .Criterion(Criterion.Error("largest relative error of the argmin c* against golden-section minimisation", worstArg, 1e-3))
         .Criterion(Criterion.Error("largest relative error of the balanced network's trace against F*", worstBalance, 1e-9));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"the closed form matches direct minimisation (value {Numbers.Error(worstValue)}, argmin {Numbers.Error(worstArg)}) and every balanced network " +
            $"attains F* to {Numbers.Error(worstBalance)}.",
            $"value err {Numbers.Error(worstValue)}, balance err {Numbers.Error(worstBalance)}");
    }
}
