using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Sampling;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Statistics;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>B-01: ‖∇²_θ f(x)‖_op = √(1 + ‖x‖²) when some neuron is active at x, else 0 (sharp Lemma C.1).</summary>
internal sealed class B01OutputHessianNorm() : Claim("B-01")
{
    private const double KinkMargin = 1e-4;
    public override string Title => "Operator norm of the output Hessian is sqrt(1 + |x|^2) (active) or 0";
    public override IReadOnlyList<string> DependsOn => ["B-22"];
    public override string Statement =>
        @"For a ReLU network with hidden biases, $\nabla^2_\theta f(x)$ is block diagonal; an active neuron's block " +
        @"$\begin{pmatrix}0&0&\mathbb 1x\\0&0&\pm\mathbb 1\\\mathbb 1x^\top&\pm\mathbb 1&0\end{pmatrix}$ has eigenvalues $\pm\sqrt{\|x\|^2+1}$ and zeros, " +
        @"so $\|\nabla^2_\theta f(x)\|_{\rm op}=\sqrt{1+\|x\|^2}\le R+1$ if some neuron is active at $x$ and $0$ otherwise (the sharp form of Lemma C.1).";
    public override string Method =>
        "Random ReLU networks with hidden and output biases, K ∈ {1, 3, 8} neurons, d ∈ {1, 3, 5}, inputs of norm 0.5, 1, 2; " +
        "plus a case with every neuron switched off (biases −10). `OutputDerivatives.Hessian` is eigendecomposed densely " +
        "(criterion 10⁻⁹ against the closed form) and compared entrywise with central differences of the exact output " +
        "gradient, h = 10⁻⁶ (criterion 10⁻⁵); inputs within 10⁻⁴ of a kink are redrawn and counted, so the differences never cross one.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder();
        var table = b.Table("Output Hessian", "K", "d", "|x|", "active neurons", "||Hess f||_op", "closed form", "rel. error", "FD difference");
        double worst = 0, worstFd = 0;
        int redrawn = 0;
        foreach (int k in new[] { 1, 3, 8 })
            foreach (int d in new[] { 1, 3, 5 })
                foreach (double radius in new[] { 0.5, 1.0, 2.0 })
                {
                    // Central differences with h = 1e-6 move a preactivation by at most 2e-6·max(1, |x|): an input closer than
                    // KinkMargin to a neuron's kink could let them cross it (the gradient jumps there, a false refutation with
                    // probability about 1e-4 per run), so such cases are redrawn (network and input) and counted.
                    TwoLayerNetwork net;
                    double[] x;
                    while (true)
                    {
                        net = RandomNetworks.Gaussian(new Relu(), new ParameterLayout(k, d, true, true), rng);
                        x = UniformSampling.Sphere(d, rng).Select(v => v * radius).ToArray();
                        if (Kinks.Nearest(NetworkEvaluation.Evaluate(net, new Dataset(x, [0.0], d))).MinAbsPreactivation >= KinkMargin) break;
                        redrawn++;
                    }
                    Add(net, x, radius, table, ref worst, ref worstFd);
                }
        var off = RandomNetworks.Gaussian(new Relu(), new ParameterLayout(4, 3, true, true), rng);
        var theta = off.Parameters.ToArray();
        for (int j = 0; j < 4; j++) theta[off.Layout.NeuronOffset(j) + 3] = -10;
        Add(off.WithParameters(theta), UniformSampling.Sphere(3, rng), 1.0, table, ref worst, ref worstFd);
        b.ErrorMetric("maxNormError", worst).ErrorMetric("maxFiniteDifferenceError", worstFd).Metric("cases", table.Count);
        b.Parameter("kink redraws",
            $"{redrawn} case(s) redrawn because a preactivation lay within {Numbers.Format(KinkMargin)} of a kink (finite differences would cross it)");
        b.Criterion(Criterion.Error("largest relative error of ||Hess f||_op against sqrt(1 + |x|^2) (absolute, against 0, with no active neuron)",
            worst, 1e-9));
        b.Criterion(Criterion.Error("largest entrywise difference between the Hessian and central differences of the exact gradient (relative " +
            "to its largest entry)", worstFd, 1e-5));
        return b.Decide(VerdictMethod.ExactNumerics,
            $"in all {table.Count} cases the operator norm equals sqrt(1 + |x|^2) (or 0 with no active neuron) to {Numbers.Error(worst)}, " +
            $"and finite differences agree to {Numbers.Error(worstFd)}.",
            $"max norm error {Numbers.Error(worst)}");
    }

    private static void Add(TwoLayerNetwork net, double[] x, double radius, TableBuilder table, ref double worst, ref double worstFd)
    {
        var h = OutputDerivatives.Hessian(net, x);
        var eig = h.Eigenvalues();
        double norm = Math.Max(Math.Abs(eig[0]), Math.Abs(eig[^1]));
        int active = 0;
        for (int j = 0; j < net.Width; j++)
        {
            double z = net.HiddenBias(j);
            var w = net.HiddenWeight(j);
            for (int t = 0; t < x.Length; t++) z += w[t] * x[t];
            if (z > 0) active++;
        }
        double expected = active > 0 ? Math.Sqrt(1 + radius * radius) : 0;
        double err = expected > 0 ? Descriptive.RelativeError(norm, expected) : norm;
        // Central differences of ∇_θ f(x).
        int p = net.Layout.Count;
        var theta = net.Parameters.ToArray();
        var fd = new double[p * p];
        const double step = 1e-6;
        for (int q = 0; q < p; q++)
        {
            double t0 = theta[q];
            theta[q] = t0 + step;
            var gp = OutputDerivatives.Gradient(net.WithParameters(theta), x);
            theta[q] = t0 - step;
            var gm = OutputDerivatives.Gradient(net.WithParameters(theta), x);
            theta[q] = t0;
            for (int r = 0; r < p; r++) fd[r * p + q] = (gp[r] - gm[r]) / (2 * step);
        }
        double fdErr = expected > 0 ? Descriptive.MaxRelativeDifference(fd, h.Matrix) : fd.Max(Math.Abs);
        worst = Math.Max(worst, err);
        worstFd = Math.Max(worstFd, fdErr);
        table.Row(Numbers.Count(net.Width), Numbers.Count(net.InputDimension), Numbers.Format(radius), Numbers.Count(active), Numbers.Format(norm),
            Numbers.Format(expected), Numbers.Error(err), Numbers.Error(fdErr));
    }
}
