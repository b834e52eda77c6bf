using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Statistics;
using MathNet.Numerics;

namespace Flatness.Numerics.Population;

/// <summary>Gaussian-input limits (n → ∞) of the orbit-minimal trace and of the A-D1 floor (paper A spec A-D2), and the
/// delta-method standard error of the finite-sample F*.</summary>
/// <remarks>
/// <para>For x ~ N(0, I_d), a bias-free ReLUᵏ network (k = 1: ReLU) has Pⱼ/n → ‖wⱼ‖^{2k}s_k and
/// Qⱼ/n → aⱼ²‖wⱼ‖^{2k−2}D_k with s_k = Eσ(g)² = (2k−1)!!/2, D_k = (d−1)Eσ'(g)² + E[σ'(g)²g²]
/// = (d−1)k²(2k−3)!!/2 + k²(2k−1)!!/2 (g ~ N(0, 1), (−1)!! = 1), so
/// F* → (2/ν)(k+1)k^{−k/(k+1)}s_k^{1/(k+1)}D_k^{k/(k+1)}Σⱼ(|aⱼ|‖wⱼ‖^k)^{2k/(k+1)}; for k = 1 (s₁ = 1/2, D₁ = d/2)
/// F* → (2/ν)√d Σⱼ|aⱼ|‖wⱼ‖ (2/ν·√d times the path norm).</para>
/// <para>The A-D1 floor (4/(νn))Σᵢ‖xᵢ‖|yᵢ| of the single teacher y = (uᵀx)₊, ‖u‖ = 1, tends to
/// (4/ν)E[‖x‖(uᵀx)₊] = (4/ν)d/(√(2π)E χ_d), E χ_d = √2 Γ((d+1)/2)/Γ(d/2) (polar decomposition x = r s, r ~ χ_d
/// independent of s, E[s₁₊] = E[g₊]/E r); the ratio teacher/floor → (√(2π)/2)E χ_d/√d → √(2π)/2.</para>
/// </remarks>
public static class PopulationFlatness
{
    /// <summary>(2k−1)!! for k ≥ 0 ((−1)!! = 1).</summary>
    internal static double DoubleFactorialOdd(int k)
    {
        double r = 1;
        for (int i = 2 * k - 1; i > 1; i -= 2) r *= i;
        return r;
    }

    /// <summary>s_k = E[(g₊)^{2k}] = (2k−1)!!/2, g ~ N(0, 1).</summary>
    public static double ActivationSecondMoment(int degree) => DoubleFactorialOdd(degree) / 2;

    /// <summary>D_k = (d−1)E[σ'(g)²] + E[σ'(g)²g²] for σ = z₊^k: (d−1)k²(2k−3)!!/2 + k²(2k−1)!!/2 (D₁ = d/2).</summary>
    public static double DerivativeMoment(int degree, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        double k2 = (double)degree * degree;
        return (dimension - 1) * k2 * DoubleFactorialOdd(degree - 1) / 2 + k2 * DoubleFactorialOdd(degree) / 2;
    }

    /// <summary>The n → ∞ limit of F*(θ) for a bias-free ReLU (k = 1) or ReLUᵏ network under x ~ N(0, I_d) (A-D2).</summary>
    public static double OrbitMinimalTraceLimit(TwoLayerNetwork network, LossConvention loss = LossConvention.Mse)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Activation is not (Relu or ReluPower)) throw new ArgumentException("the limit is implemented for ReLU and ReLU^k networks");
        int k = network.Activation.Degree;
        if (network.Layout.HasHiddenBias || network.Layout.HasOutputBias) throw new ArgumentException("the limit is for bias-free networks");
        int d = network.InputDimension;
        double sum = 0;
        for (int j = 0; j < network.Width; j++)
        {
            double norm = Math.Sqrt(ArcCosineKernel.Dot(network.HiddenWeight(j), network.HiddenWeight(j)));
            sum += Math.Pow(Math.Abs(network.OutputWeight(j)) * Math.Pow(norm, k), 2.0 * k / (k + 1));
        }
        double kk = k;
        double constant = (kk + 1) * Math.Pow(kk, -kk / (kk + 1)) * Math.Pow(ActivationSecondMoment(k), 1 / (kk + 1))
            * Math.Pow(DerivativeMoment(k, d), kk / (kk + 1));
        return 2.0 / loss.Nu() * constant * sum;
    }

    /// <summary>E χ_d = √2 Γ((d+1)/2)/Γ(d/2), the mean norm of x ~ N(0, I_d).</summary>
    public static double MeanChi(int dimension) =>
        Math.Sqrt(2) * Math.Exp(SpecialFunctions.GammaLn((dimension + 1) / 2.0) - SpecialFunctions.GammaLn(dimension / 2.0));

    /// <summary>(4/ν)E[‖x‖(uᵀx)₊] = (4/ν)d‖u‖/(√(2π)E χ_d): the population A-D1 floor of y = (uᵀx)₊.</summary>
    public static double SingleReluFloorLimit(int dimension, double teacherNorm = 1, LossConvention loss = LossConvention.Mse) =>
        4.0 / loss.Nu() * dimension * teacherNorm / (Math.Sqrt(2 * Math.PI) * MeanChi(dimension));

    /// <summary>F*(θ) on a sample computed directly from per-sample terms (for a bias-free network at an interpolator), with
    /// its delta-method standard error as an estimate of the population limit.</summary>
    /// <remarks>F* = (2/ν)Σⱼ m_k(P̄ⱼ, Q̄ⱼ) with P̄ⱼ = (1/n)Σᵢσ(zᵢⱼ)², Q̄ⱼ = (1/n)Σᵢaⱼ²σ'(zᵢⱼ)²‖xᵢ‖²;
    /// ∂m_k/∂P = m_k/((k+1)P), ∂m_k/∂Q = k m_k/((k+1)Q).</remarks>
    public static PopulationValue SampleOrbitMinimalTrace(TwoLayerNetwork network, Dataset data, LossConvention loss = LossConvention.Mse)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Count, m = network.Width, k = network.Activation.Degree;
        var columns = new List<double[]>();
        var gradient = new List<double>();
        double total = 0;
        for (int j = 0; j < m; j++)
        {
            var p = new double[n];
            var q = new double[n];
            double a = network.OutputWeight(j);
            for (int i = 0; i < n; i++)
            {
                var x = data.Input(i);
                double z = ArcCosineKernel.Dot(network.HiddenWeight(j), x);
                double s = network.Activation.Value(z), s1 = network.Activation.Derivative(z);
                p[i] = s * s;
                q[i] = a * a * s1 * s1 * ArcCosineKernel.Dot(x, x);
            }
            double pm = p.Average(), qm = q.Average();
            double mk = OrbitMinimalTrace.MinimumOverOrbit(pm, qm, k);
            total += mk;
            if (mk > 0)
            {
                columns.Add(p);
                gradient.Add(2.0 / loss.Nu() * mk / ((k + 1) * pm));
                columns.Add(q);
                gradient.Add(2.0 / loss.Nu() * k * mk / ((k + 1) * qm));
            }
        }
        double se = columns.Count == 0 ? 0 : DeltaMethod.StandardError(columns, gradient);
        return new PopulationValue(2.0 / loss.Nu() * total, se, PopulationMethod.MonteCarlo, n);
    }
}

/// <summary>Finite-sample ratios of flatness to the A-D1 floor with delta-method standard errors.</summary>
public static class SampleFlatnessRatio
{
    /// <summary>F*(θ)/floor for a one-neuron ReLU network at an interpolator: √(P̄Q̄)/mean(‖xᵢ‖|yᵢ|), with its SE.</summary>
    /// <remarks>F* = (4/ν)√(P̄Q̄), floor = (4/ν)mean(‖xᵢ‖|yᵢ|) (A-D1), so the ratio R is ν-free; ∂R/∂P̄ = R/(2P̄),
    /// ∂R/∂Q̄ = R/(2Q̄), ∂R/∂F̄ = −R/F̄.</remarks>
    public static PopulationValue TeacherToFloor(TwoLayerNetwork neuron, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(neuron);
        ArgumentNullException.ThrowIfNull(data);
        if (neuron.Width != 1 || neuron.Activation is not Relu) throw new ArgumentException("the ratio is implemented for one ReLU neuron");
        int n = data.Count;
        var p = new double[n];
        var q = new double[n];
        var f = new double[n];
        double a = neuron.OutputWeight(0);
        for (int i = 0; i < n; i++)
        {
            var x = data.Input(i);
            double z = ArcCosineKernel.Dot(neuron.HiddenWeight(0), x), norm2 = ArcCosineKernel.Dot(x, x);
            p[i] = z > 0 ? z * z : 0;
            q[i] = z > 0 ? a * a * norm2 : 0;
            f[i] = Math.Sqrt(norm2) * Math.Abs(data.Target(i));
        }
        double pm = p.Average(), qm = q.Average(), fm = f.Average();
        double r = Math.Sqrt(pm * qm) / fm;
        double se = DeltaMethod.StandardError([p, q, f], [r / (2 * pm), r / (2 * qm), -r / fm]);
        return new PopulationValue(r, se, PopulationMethod.MonteCarlo, n);
    }
}

/// <summary>The population A-D1 floor of a single ReLU teacher with additive Gaussian label noise, by quadrature.</summary>
/// <remarks>
/// <para>For y = (uᵀx)₊ + ςε, ‖u‖ = 1, x ~ N(0, I_d), ε ~ N(0, 1): write g = uᵀx and ‖x‖ = √(g² + s²) with s ~ χ_{d−1}
/// independent of g and ε. Then (4/ν)E[‖x‖|y|] = (4/ν)∫φ(g) h(g) m(g) dg with h(g) = E√(g² + s²) and the folded-normal mean
/// m(g) = E|μ + ςε| = ς√(2/π)e^{−μ²/(2ς²)} + μ(1 − 2Φ(−μ/ς)), μ = g₊ (m = μ when ς = 0). At ς = 0 it equals
/// <see cref="PopulationFlatness.SingleReluFloorLimit"/>. E|y| = ∫φ(g)m(g)dg.</para>
/// </remarks>
public static class NoisyFloor
{
    private const int Nodes = 400;

    /// <summary>E|μ + ςε| for ε ~ N(0, 1) (folded normal mean).</summary>
    public static double FoldedNormalMean(double mu, double noise)
    {
        if (noise == 0) return Math.Abs(mu);
        double t = mu / noise;
        return noise * Math.Sqrt(2 / Math.PI) * Math.Exp(-t * t / 2) + mu * (1 - 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -t));
    }

    /// <summary>E|y| for y = (uᵀx)₊ + ςε.</summary>
    public static double MeanAbsoluteLabel(double noise) => SplitAtZero(g => Phi(g) * FoldedNormalMean(Math.Max(g, 0), noise));

    // The integrands have a kink at g = 0 (g₊): integrate each side separately.
    private static double SplitAtZero(Func<double, double> f) =>
        MathNet.Numerics.Integration.GaussLegendreRule.Integrate(f, -12, 0, Nodes) + MathNet.Numerics.Integration.GaussLegendreRule.Integrate(f, 0, 12, Nodes);

    /// <summary>(4/ν)E[‖x‖|y|] for y = (uᵀx)₊ + ςε, x ~ N(0, I_d), d ≥ 2.</summary>
    public static double FloorLimit(int dimension, double noise, LossConvention loss = LossConvention.Mse)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 2);
        if (!(noise >= 0)) throw new ArgumentOutOfRangeException(nameof(noise), "the noise level must be >= 0");
        var chi = new MathNet.Numerics.Distributions.Chi(dimension - 1);
        double lo = Math.Max(0, chi.Mean - 14), hi = chi.Mean + 14;
        var (sNodes, sWeights) = Rule(lo, hi);
        double H(double g)
        {
            double h = 0;
            for (int i = 0; i < sNodes.Length; i++) h += sWeights[i] * chi.Density(sNodes[i]) * Math.Sqrt(g * g + sNodes[i] * sNodes[i]);
            return h;
        }
        double value = SplitAtZero(g => Phi(g) * H(g) * FoldedNormalMean(Math.Max(g, 0), noise));
        return 4.0 / loss.Nu() * value;
    }

    private static double Phi(double g) => Math.Exp(-g * g / 2) / Math.Sqrt(2 * Math.PI);

    private static (double[] Nodes, double[] Weights) Rule(double lo, double hi)
    {
        var rule = new MathNet.Numerics.Integration.GaussLegendreRule(lo, hi, Nodes);
        return (rule.Abscissas, rule.Weights);
    }
}
