using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Interpolators;
using Flatness.Constructions.Sampling;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-07: every interpolator, rescaled or not, has Tr ∇²L̂_ν ≥ (4/(νn))Σᵢ‖xᵢ‖|yᵢ| (×α for leaky ReLU) (A-D1).</summary>
internal sealed class A07InterpolatorFloor() : Claim("A-07")
{
    private const int Interpolators = 1000;
    public override string Title => "Universal flatness floor of interpolators (k = 1)";
    public override IReadOnlyList<string> DependsOn => ["A-30", "A-43"];
    public override string Statement =>
        @"For $k=1$ and any interpolator (rescaled or not, no biases): $\mathrm{Tr}\,\nabla^2\hat L_\nu\ge\frac{4}{\nu n}\sum_i\|x_i\||y_i|$ for ReLU and " +
        @"$|z|$, and $\ge\frac{4\alpha}{\nu n}\sum_i\|x_i\||y_i|$ for leaky ReLU with slope $\alpha$ (A-D1: " +
        @"$\sigma(z)^2+a^2\sigma'(z)^2\|x\|^2\ge2|a||\sigma(z)||\sigma'(z)|\|x\|$ and $\sum_j|a_j\sigma(z_{ij})|\ge|y_i|$).";
    public override string Method =>
        "1000 interpolators: activation cycling through ReLU, |z| and leaky ReLU (α ~ U[0.05, 1]); n ~ U{3..8}, d ~ U{2..6}, " +
        "m ~ U{n..2n+4}; Gaussian inputs, targets and first layer; the minimum-norm output weights a = Φᵀ(ΦΦᵀ)⁻¹y " +
        "(draws whose residual exceeds 10⁻¹⁰ are redrawn and counted); then a random per-neuron rescaling cⱼ log-uniform " +
        "in [0.1, 10]; ν alternating 1, 2. The exact trace divided by the floor must be ≥ 1 − 10⁻¹² every time: one " +
        "violation refutes. Tightness: 12 balanced one-neuron interpolators with every xᵢ on the line of w (where both " +
        "inequalities of A-D1 are equalities) must give trace/floor = 1 to 10⁻¹⁰, so a floor stronger than the stated one is refuted.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("interpolators", Numbers.Count(Interpolators)).Parameter("residual threshold", "1e-10")
            .Parameter("rescaling", "c_j log-uniform in [0.1, 10]");
        var ratios = new List<double>();
        var perActivation = new Dictionary<string, (int Count, double Min)>();
        int redrawn = 0, violations = 0;
        double smallest = double.PositiveInfinity;
        string firstViolation = "";
        for (int s = 0; s < Interpolators; s++)
        {
            Activation act = (s % 3) switch { 0 => new Relu(), 1 => new AbsoluteValue(), _ => new LeakyRelu(rng.NextUniform(0.05, 1)) };
            var loss = s % 2 == 0 ? LossConvention.Mse : LossConvention.HalfMse;
            TwoLayerNetwork net;
            Dataset data;
            while (true)
            {
                int n = 3 + rng.NextInt(6), d = 2 + rng.NextInt(5), m = n + rng.NextInt(n + 5);
                var draft = RandomNetworks.Gaussian(act, new ParameterLayout(m, d, false, false), rng);
                data = RandomNetworks.GaussianData(draft, n, rng, interpolate: false, kinkMargin: 0);
                var (fitted, residual) = MinimumNormInterpolator.Fit(draft, data);
                if (residual < 1e-10) { net = fitted; break; }
                redrawn++;
            }
            var factors = Enumerable.Range(0, net.Width).Select(_ => Math.Pow(10, rng.NextUniform(-1, 1))).ToArray();
            net = PerNeuronRescaling.Apply(net, factors);
            double ratio = HessianTrace.Compute(net, data, loss).Trace / InterpolatorFloor.Value(act, data, loss);
            ratios.Add(ratio);
            smallest = Math.Min(smallest, ratio);
            perActivation[act.Name] = perActivation.TryGetValue(act.Name, out var cur) ? (cur.Count + 1, Math.Min(cur.Min, ratio)) : (1, ratio);
            if (ratio < 1 - 1e-12)
            {
                violations++;
                if (firstViolation.Length == 0) firstViolation = $"interpolator {s} ({act.Describe()}): trace/floor = {Numbers.Format(ratio, 10)}";
            }
        }
        // Tight instances: one balanced neuron (|a| = ‖w‖) and every xᵢ on the line of w, on the side where |σ'| = α
        // (ReLU: +w; leaky ReLU: −w; |z|: either). Then σ(zᵢ)² = a²σ'(zᵢ)²‖xᵢ‖² and Σⱼ|aⱼσ(zᵢⱼ)| = |yᵢ|, so both
        // inequalities of A-D1 are equalities and Tr = floor exactly: a floor that is too strong fails here.
        var tight = b.Table("Tight instances (balanced one-neuron interpolators on a ray): trace / floor must be 1", "activation", "n", "d",
            "nu", "c = |a| = |w|", "trace / floor");
        double worstTight = 0;
        for (int s = 0; s < 12; s++)
        {
            Activation act = (s % 3) switch { 0 => new Relu(), 1 => new AbsoluteValue(), _ => new LeakyRelu(rng.NextUniform(0.05, 1)) };
            var loss = s % 2 == 0 ? LossConvention.Mse : LossConvention.HalfMse;
            int n = 3 + rng.NextInt(6), d = 2 + rng.NextInt(5);
            var u = UniformSampling.Sphere(d, rng);
            double c = Math.Pow(10, rng.NextUniform(-1, 1));
            double a = rng.NextRademacher() * c;
            var x = new double[n * d];
            for (int i = 0; i < n; i++)
            {
                double side = act switch { Relu => 1, LeakyRelu => -1, _ => rng.NextRademacher() };
                double t = rng.NextUniform(0.5, 2);
                for (int k = 0; k < d; k++) x[i * d + k] = side * t * u[k];
            }
            var net = TwoLayerNetwork.FromWeights(act, [a], [u.Select(v => c * v).ToArray()]);
            var probe = new Dataset(x, new double[n], d);
            var data = probe.WithTargets(net.Predict(probe));
            double ratio = HessianTrace.Compute(net, data, loss).Trace / InterpolatorFloor.Value(act, data, loss);
            worstTight = Math.Max(worstTight, Math.Abs(ratio - 1));
            smallest = Math.Min(smallest, ratio);
            if (ratio < 1 - 1e-12)
            {
                violations++;
                if (firstViolation.Length == 0) firstViolation = $"tight instance {s} ({act.Describe()}): trace/floor = {Numbers.Format(ratio, 10)}";
            }
            tight.Row(act.Describe(), Numbers.Count(n), Numbers.Count(d), CaseFactory.Nu(loss), Numbers.Format(c), Numbers.Format(ratio, 12));
        }
        var table = b.Table("Trace / floor by activation", "activation", "interpolators", "min trace/floor");
        foreach (var (name, (count, min)) in perActivation.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            table.Row(name, Numbers.Count(count), Numbers.Format(min));
        var sorted = ratios.OrderBy(r => r).ToArray();
        b.Figure(new Figure("floor-ratios", "Trace / floor over 1000 interpolators (sorted)", "rank", "log10(trace / floor)",
            [new Series("interpolators", Enumerable.Range(1, sorted.Length).Select(i => (double)i).ToArray(),
                sorted.Select(Math.Log10).ToArray(), SeriesStyle.Markers)],
            "Every point lies above the dotted line log10(1) = 0: no interpolator, rescaled or not, is flatter than the floor.",
            HorizontalLines: [("floor", 0.0)]));
        b.Metric("interpolators", Interpolators).Metric("redrawn", redrawn).Metric("violations", violations).Metric("minRatio", sorted[0])
         .ErrorMetric("tightInstanceDeviation", worstTight);
        if (violations > 0) b.Note($"{violations} interpolator(s) below the floor; first: {firstViolation}.");
        b.Criterion(Criterion.Exact(
                $"smallest trace / floor − 1 over the {Interpolators} random and 12 tight interpolators (one below −10⁻¹² is a counterexample)",
                smallest - 1,
                Region.Above(-1e-12), 3))
         .Criterion(Criterion.Error("tight instances: largest |trace / floor − 1| (the floor is attained, so no stronger floor holds)", worstTight, 1e-10));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"all {Interpolators} random interpolators lie on or above the floor (smallest trace/floor {Numbers.Format(sorted[0])}), and the floor is " +
            $"attained: on 12 balanced one-neuron interpolators trace/floor = 1 to {Numbers.Error(worstTight)}, so no stronger floor of this form holds.",
            $"min trace/floor {Numbers.Format(sorted[0])} over {Interpolators}");
    }
}
