using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Constructions.Interpolators;
using Flatness.Constructions.Teachers;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.References;
using MathNet.Numerics.LinearAlgebra;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-43: the memoriser, the data-span neuron, the minimum-norm, random-feature and noise-fitting interpolators
/// against their defining equations (issue #16; spec A-D4, A-D5, §7).</summary>
internal sealed class A43Constructions() : Claim("A-43")
{
    private const double ResidualTolerance = 1e-9, SpanTolerance = 1e-9;

    public override string Title => "The interpolating constructions satisfy their defining equations";
    public override string Statement =>
        @"Memoriser (A-D5): $w_l=x_l$ and $f(x_i)=y_i$. Data-span neuron (A-D4): $a=1$, $w^\top x_i=y_i$ where $y_i>0$, $w^\top x_i=-\delta$ where $y_i=0$, " +
        @"and $w\in\mathrm{span}\{x_i\}$ (so it is the minimum-norm such $w$). Minimum-norm output layer (A-07): hidden layer and $\beta$ unchanged, " +
        @"$f(x_i)=y_i$, $a\in\mathrm{row}(\Phi)$ with $\Phi_{ij}=\sigma(\tilde w_j^\top\tilde x_i)$. Random features (§7 c): unit rows, $f(x_i)=y_i$, " +
        @"$a\in\mathrm{row}(\Phi)$. Noise fitting (§7 b): the teacher's neurons unchanged, $f(x_i)=y_i$, " +
        @"the added neurons' $a'\in\mathrm{row}(\Phi')$ fitting $y-g$.";
    public override string Method =>
        "Each construction is built on seeded random data and checked against its definition with code of the claim: outputs by " +
        "plain loops (`ReferenceNetwork`, not the blocked forward pass the constructions report their residual with), Φ by plain " +
        "loops, and membership of a row space by the residual of the projection onto it from a QR of its spanning vectors " +
        "(MathNet Householder QR, not the normal equations the constructions solve). Memoriser: ReLU and |z|, n = 10, d = 200 and " +
        "n = 30, d = 300. Data-span neuron: ReLU teacher, n = 10, 25, d = 200, 500, δ = 0.5. Minimum-norm output layer: random " +
        "Gaussian first layer with hidden and output biases, m = 24, n = 8, d = 3 (ReLU, leaky ReLU). Random features: m = 2n, n = 10, " +
        "d = 400. Noise fitting: ReLU teacher (m = 2), noisy labels, 2n extra neurons, n = 10, d = 400. Criteria: interpolation " +
        "residuals < 10⁻⁹ of max|y|, projection residuals < 10⁻⁹ of the vector, unchanged parameters bit for bit, unit rows to " +
        "10⁻¹²: a 1 % error in a weight shows as ≈ 10⁻² in a residual.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder().Parameter("tolerances", "residuals < 1e-9 max|y|; projections < 1e-9 |v|; unit rows 1e-12");
        var table = b.Table("Constructions against their definitions", "construction", "case", "interpolation residual / max|y|", "span residual", "other");
        // Memoriser.
        double memResidual = 0;
        bool memRows = true;
        foreach (var act in new Activation[] { new Relu(), new AbsoluteValue() })
            foreach (var (n, d) in new[] { (10, 200), (30, 300) })
            {
                var teacher = Teacher.SingleIndex(new Relu(), Teacher.RandomDirection(d, rng));
                var data = Teacher.GaussianSample(teacher, n, 0.1, rng);
                var net = Memoriser.Build(act, data).Network;
                bool rows = net.Width == n;
                for (int l = 0; l < n && rows; l++) rows &= net.HiddenWeight(l).SequenceEqual(data.Input(l));
                memRows &= rows;
                double res = Residual(net, data);
                memResidual = Math.Max(memResidual, res);
                table.Row($"memoriser, {act.Describe()}", $"n = {n}, d = {d}", Numbers.Error(res), "", rows ? "w_l = x_l" : "w_l != x_l");
            }
        b.Criterion(Criterion.Error("memoriser: max |f(x_i) - y_i| / max|y|", memResidual, ResidualTolerance));
        b.Criterion(Criterion.Condition("memoriser: one neuron per sample with w_l = x_l", memRows, memRows ? "every case" : "a row differs"));
        // Data-span neuron.
        double spanConstraint = 0, spanResidual = 0;
        bool spanOutput = true;
        const double delta = 0.5;
        foreach (var (n, d) in new[] { (10, 200), (25, 500) })
        {
            var teacher = Teacher.SingleIndex(new Relu(), Teacher.RandomDirection(d, rng));
            var data = Teacher.GaussianSample(teacher, n, 0, rng);
            var net = DataSpanNeuron.Build(data, delta).Network;
            spanOutput &= net.Width == 1 && net.OutputWeight(0) == 1 && net.Activation is Relu;
            var w = net.HiddenWeight(0).ToArray();
            double scale = 0, worst = 0;
            for (int i = 0; i < n; i++)
            {
                double target = data.Target(i) > 0 ? data.Target(i) : -delta, z = 0;
                for (int k = 0; k < d; k++) z += w[k] * data.Input(i)[k];
                worst = Math.Max(worst, Math.Abs(z - target));
                scale = Math.Max(scale, Math.Abs(target));
            }
            double c = worst / scale, s = ProjectionResidual(Enumerable.Range(0, n).Select(i => data.Input(i).ToArray()).ToArray(), w);
            spanConstraint = Math.Max(spanConstraint, c);
            spanResidual = Math.Max(spanResidual, s);
            table.Row("data-span neuron", $"n = {n}, d = {d}", Numbers.Error(c), Numbers.Error(s), "a = 1, ReLU");
        }
        b.Criterion(Criterion.Error("data-span neuron: max |w'x_i - (y_i if y_i > 0 else -delta)| / max target", spanConstraint, ResidualTolerance));
        b.Criterion(Criterion.Error("data-span neuron: |w - P_span(x) w| / |w| (minimum norm)", spanResidual, SpanTolerance));
        b.Criterion(Criterion.Condition("data-span neuron: a single ReLU neuron with a = 1", spanOutput, spanOutput ? "every case" : "differs"));
        // Minimum-norm output layer with biases.
        double mnResidual = 0, mnSpan = 0;
        bool mnKept = true;
        foreach (var act in new Activation[] { new Relu(), new LeakyRelu(0.2) })
        {
            var c = CaseFactory.Make(act, true, true, false, 8, 3, 24, rng);
            var (fitted, _) = MinimumNormInterpolator.Fit(c.Network, c.Data);
            var layout = c.Network.Layout;
            for (int j = 0; j < layout.Width; j++) mnKept &= fitted.AugmentedHiddenWeight(j).SequenceEqual(c.Network.AugmentedHiddenWeight(j));
            mnKept &= fitted.OutputBias == c.Network.OutputBias;
            double res = Residual(fitted, c.Data), span = ProjectionResidual(Features(fitted, c.Data), OutputWeights(fitted));
            mnResidual = Math.Max(mnResidual, res);
            mnSpan = Math.Max(mnSpan, span);
            table.Row($"minimum-norm output layer, {act.Describe()}", "n = 8, d = 3, m = 24, biases", Numbers.Error(res), Numbers.Error(span), "");
        }
        b.Criterion(Criterion.Error("minimum-norm output layer: max |f(x_i) - y_i| / max|y|", mnResidual, ResidualTolerance));
        b.Criterion(Criterion.Error("minimum-norm output layer: |a - P_row(Phi) a| / |a|", mnSpan, SpanTolerance));
        b.Criterion(Criterion.Condition("minimum-norm output layer: hidden weights, hidden biases and beta unchanged",
            mnKept, mnKept ? "bit for bit" : "changed"));
        // Random features and noise fitting.
        double rfResidual = 0, rfSpan = 0, rfUnit = 0;
        bool teacherKept = true;
        {
            const int n = 10, d = 400;
            var teacher = Teacher.SumOfSingleIndex(new Relu(), [1.0, -0.7], [Teacher.RandomDirection(d, rng), Teacher.RandomDirection(d, rng)]);
            var data = Teacher.GaussianSample(teacher, n, 0.3, rng);
            var rf = RandomFeatureInterpolator.Build(new Relu(), data, 2 * n, rng).Network;
            for (int j = 0; j < rf.Width; j++) rfUnit = Math.Max(rfUnit, Math.Abs(Math.Sqrt(Dot(rf.HiddenWeight(j), rf.HiddenWeight(j))) - 1));
            double res = Residual(rf, data), span = ProjectionResidual(Features(rf, data), OutputWeights(rf));
            table.Row("random features", $"n = {n}, d = {d}, m = {2 * n}", Numbers.Error(res), Numbers.Error(span), $"unit rows {Numbers.Error(rfUnit)}");
            rfResidual = Math.Max(rfResidual, res);
            rfSpan = Math.Max(rfSpan, span);
            var nf = NoiseFittingInterpolator.Build(teacher, data, 2 * n, rng).Network;
            for (int j = 0; j < teacher.Width; j++)
                teacherKept &= nf.HiddenWeight(j).SequenceEqual(teacher.HiddenWeight(j)) && nf.OutputWeight(j) == teacher.OutputWeight(j);
            var extraW = Enumerable.Range(teacher.Width, 2 * n).Select(j => (IReadOnlyList<double>)nf.HiddenWeight(j).ToArray()).ToArray();
            var extraA = Enumerable.Range(teacher.Width, 2 * n).Select(nf.OutputWeight).ToArray();
            var extra = TwoLayerNetwork.FromWeights(nf.Activation, extraA, extraW);
            var noise = Enumerable.Range(0, n)
                .Select(i => data.Target(i) - ReferenceNetwork.Output(teacher.Activation, teacher.Layout, teacher.Parameters, data.Input(i))).ToArray();
            double nres = Residual(nf, data), extraRes = Residual(extra, data.WithTargets(noise)), nspan = ProjectionResidual(Features(extra, data), extraA);
            for (int j = 0; j < extra.Width; j++) rfUnit = Math.Max(rfUnit, Math.Abs(Math.Sqrt(Dot(extra.HiddenWeight(j), extra.HiddenWeight(j))) - 1));
            table.Row("noise fitting", $"n = {n}, d = {d}, teacher m = 2 + {2 * n}", Numbers.Error(nres), Numbers.Error(nspan),
                $"extra neurons fit y - g to {Numbers.Error(extraRes)}");
            rfResidual = Math.Max(rfResidual, Math.Max(nres, extraRes));
            rfSpan = Math.Max(rfSpan, nspan);
        }
        b.Criterion(Criterion.Error("random features and noise fitting: max |f(x_i) - y_i| / max|y| (and the added neurons on y - g)",
            rfResidual, ResidualTolerance));
        b.Criterion(Criterion.Error("random features and noise fitting: |a - P_row(Phi) a| / |a| (minimum norm)", rfSpan, SpanTolerance));
        b.Criterion(Criterion.Error("random features: rows of unit length (largest | |w_j| - 1 |)", rfUnit, 1e-12));
        b.Criterion(Criterion.Condition("noise fitting: the teacher's neurons unchanged", teacherKept, teacherKept ? "bit for bit" : "changed"));
        double worstRes = new[] { memResidual, spanConstraint, mnResidual, rfResidual }.Max(), worstSpan = new[] { spanResidual, mnSpan, rfSpan }.Max();
        b.ErrorMetric("maxResidual", worstRes).ErrorMetric("maxSpanResidual", worstSpan);
        return b.Decide(VerdictMethod.ExactNumerics,
            $"every construction interpolates (largest residual {Numbers.Error(worstRes)} of max|y|), " +
            $"the minimum-norm ones lie in their row spaces ({Numbers.Error(worstSpan)}), and the parts they must keep are kept.",
            $"residual {Numbers.Error(worstRes)}, span {Numbers.Error(worstSpan)}");
    }

    /// <summary>max |f(xᵢ) − yᵢ| / max |yᵢ| with f by plain loops.</summary>
    private static double Residual(TwoLayerNetwork net, Dataset data)
    {
        double worst = 0, scale = 0;
        for (int i = 0; i < data.Count; i++)
        {
            worst = Math.Max(worst, Math.Abs(ReferenceNetwork.Output(net.Activation, net.Layout, net.Parameters, data.Input(i)) - data.Target(i)));
            scale = Math.Max(scale, Math.Abs(data.Target(i)));
        }
        return worst / scale;
    }

    /// <summary>Rows of Φ (n × m), Φᵢⱼ = σ(w̃ⱼᵀx̃ᵢ), by plain loops: the vectors whose span holds a minimum-norm a.</summary>
    private static double[][] Features(TwoLayerNetwork net, Dataset data) =>
        Enumerable.Range(0, data.Count).Select(i =>
        {
            var x = data.Input(i);
            var row = new double[net.Width];
            for (int j = 0; j < net.Width; j++) row[j] = ReferenceNetwork.Sigma(net.Activation, Dot(net.HiddenWeight(j), x) + net.HiddenBias(j));
            return row;
        }).ToArray();

    private static double[] OutputWeights(TwoLayerNetwork net) => Enumerable.Range(0, net.Width).Select(net.OutputWeight).ToArray();

    /// <summary>|v − QQᵀv| / |v| with Q an orthonormal basis of span{rows} from a Householder QR.</summary>
    private static double ProjectionResidual(double[][] rows, double[] v)
    {
        var a = Matrix<double>.Build.Dense(v.Length, rows.Length, (k, i) => rows[i][k]);
        var q = a.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
        var vec = Vector<double>.Build.DenseOfArray(v);
        var residual = vec - q * (q.TransposeThisAndMultiply(vec));
        return residual.L2Norm() / vec.L2Norm();
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++) s += a[k] * b[k];
        return s;
    }
}
