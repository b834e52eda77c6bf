using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>F*(θ) and its gradient in θ for bias-free degree-1 networks (ReLU, leaky ReLU, |z|), in closed form.</summary>
/// <remarks>
/// <para>For k = 1, no biases (spec F1/F2): with zᵢⱼ = wⱼᵀxᵢ, Pⱼ = Σᵢσ(zᵢⱼ)², Sⱼ = Σᵢσ'(zᵢⱼ)²‖xᵢ‖² and Qⱼ = aⱼ²Sⱼ,
/// F*(θ) = 2/(νn)·Σⱼ 2√(PⱼQⱼ) = 4/(νn)·Σⱼ |aⱼ|√(PⱼSⱼ).</para>
/// <para>σ' is piecewise constant (σ'' = 0 off the kinks), so Sⱼ is locally constant and, where every zᵢⱼ ≠ 0 and aⱼ ≠ 0,
/// ∂F*/∂aⱼ = 4/(νn)·sign(aⱼ)√(PⱼSⱼ) and ∂F*/∂wⱼ = 4/(νn)·|aⱼ|√(Sⱼ/Pⱼ)·Σᵢσ(zᵢⱼ)σ'(zᵢⱼ)xᵢ. F* jumps where a sample
/// crosses a kink of ReLU or leaky ReLU (Sⱼ changes by (1 − α²)‖xᵢ‖²); for |z| it is continuous. A neuron with
/// Pⱼ = 0 or Sⱼ = 0 contributes 0 and gets the zero subgradient; aⱼ = 0 gets sign 0.</para>
/// <para>The value agrees with <see cref="OrbitMinimalTrace"/> (computed there from the trace engine's P, Q); this class
/// exists for optimisers that need the gradient (the flattest-interpolator search, paper A spec A-17).</para>
/// </remarks>
public static class OrbitMinimalTraceGradient
{
    /// <summary>Writes ∇θF* into <paramref name="gradient"/> (θ laid out as <see cref="ParameterLayout"/>, bias-free) and returns F*.</summary>
    /// <param name="activation">A degree-1 activation.</param>
    /// <param name="parameters">θ = (w₁, a₁, …, wₘ, aₘ), length m(d + 1).</param>
    /// <param name="data">The n samples (targets unused: F* depends on the inputs only).</param>
    /// <param name="gradient">Output, same length as θ; overwritten.</param>
    /// <param name="loss">ν (F* scales as 1/ν).</param>
    /// <exception cref="ArgumentException">Degree ≠ 1 or a length mismatch.</exception>
    public static double ValueAndGradient(Activation activation, ReadOnlySpan<double> parameters, Dataset data, Span<double> gradient,
        LossConvention loss = LossConvention.Mse)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(data);
        if (!activation.IsPiecewiseLinear) throw new ArgumentException($"the closed-form gradient needs a degree-1 activation, got {activation}");
        int d = data.InputDimension, n = data.Count, block = d + 1;
        if (parameters.Length % block != 0 || parameters.Length == 0)
            throw new ArgumentException($"θ must have m(d + 1) entries, got {parameters.Length} for d = {d}");
        if (gradient.Length != parameters.Length) throw new ArgumentException("gradient length must equal θ's");
        int m = parameters.Length / block;
        double scale = 2.0 * loss.CurvatureScale(n);
        var norms = SquaredNorms(data);
        var direction = new double[d];
        double total = 0;
        gradient.Clear();
        for (int j = 0; j < m; j++)
        {
            var w = parameters.Slice(j * block, d);
            double a = parameters[j * block + d];
            double p = 0, s = 0;
            Array.Clear(direction);
            for (int i = 0; i < n; i++)
            {
                var x = data.Input(i);
                double z = Dot(w, x);
                double value = activation.Value(z), slope = activation.Derivative(z);
                p += value * value;
                s += slope * slope * norms[i];
                double c = value * slope;
                if (c != 0)
                    for (int k = 0; k < d; k++) direction[k] += c * x[k];
            }
            if (p <= 0 || s <= 0) continue;
            double root = Math.Sqrt(p * s);
            total += scale * Math.Abs(a) * root;
            gradient[j * block + d] = scale * Math.Sign(a) * root;
            double factor = scale * Math.Abs(a) * Math.Sqrt(s / p);
            for (int k = 0; k < d; k++) gradient[j * block + k] = factor * direction[k];
        }
        return total;
    }

    /// <summary>F*(θ) alone (see <see cref="ValueAndGradient"/>).</summary>
    public static double Value(Activation activation, ReadOnlySpan<double> parameters, Dataset data, LossConvention loss = LossConvention.Mse) =>
        ValueAndGradient(activation, parameters, data, new double[parameters.Length], loss);

    internal static double[] SquaredNorms(Dataset data)
    {
        var norms = new double[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            var x = data.Input(i);
            norms[i] = Dot(x, x);
        }
        return norms;
    }

    internal static double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int k = 0; k < u.Length; k++) s += u[k] * v[k];
        return s;
    }
}
