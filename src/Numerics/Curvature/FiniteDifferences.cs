using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>Central finite differences: independent, approximate references for the exact curvature.</summary>
/// <remarks>Paper A specification §2: choose h ≪ min|zᵢⱼ|/‖v‖ so no sample crosses a kink; default h = 10⁻⁴
/// for d, m, n ≤ 10. Truncation error O(h²), rounding error O(ε/h²) for second differences of the loss.</remarks>
public static class FiniteDifferences
{
    /// <summary>Default step h = 10⁻⁴.</summary>
    public const double DefaultStep = 1e-4;

    /// <summary>L̂_ν(θ) evaluated with plain loops, independent of the blocked forward pass.</summary>
    public static double Loss(TwoLayerNetwork network, Dataset data, LossConvention loss)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        double sum = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double r = network.Evaluate(data.Input(i)) - data.Target(i);
            sum += r * r;
        }
        return sum / (loss.Nu() * (double)data.Count);
    }

    /// <summary>Hessian diagonal by second differences of the loss: (L(θ+heₚ) − 2L(θ) + L(θ−heₚ))/h².</summary>
    public static double[] HessianDiagonal(TwoLayerNetwork network, Dataset data, LossConvention loss, double step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(network);
        double l0 = Loss(network, data, loss);
        return Coordinatewise(network, step, (plus, minus) => (Loss(plus, data, loss) - 2 * l0 + Loss(minus, data, loss)) / (step * step));
    }

    /// <summary>Tr ∇²L̂ as the sum of <see cref="HessianDiagonal"/>.</summary>
    public static double Trace(TwoLayerNetwork network, Dataset data, LossConvention loss, double step = DefaultStep) =>
        HessianDiagonal(network, data, loss, step).Sum();

    /// <summary>Gradient by central differences of the loss.</summary>
    public static double[] Gradient(TwoLayerNetwork network, Dataset data, LossConvention loss, double step = DefaultStep) =>
        Coordinatewise(network, step, (plus, minus) => (Loss(plus, data, loss) - Loss(minus, data, loss)) / (2 * step));

    /// <summary>For every parameter p, combines the networks at θ + heₚ and θ − heₚ.</summary>
    private static double[] Coordinatewise(TwoLayerNetwork network, double step, Func<TwoLayerNetwork, TwoLayerNetwork, double> combine)
    {
        ArgumentNullException.ThrowIfNull(network);
        var theta = network.Parameters.ToArray();
        var result = new double[theta.Length];
        for (int p = 0; p < theta.Length; p++)
        {
            double t = theta[p];
            theta[p] = t + step;
            var plus = network.WithParameters(theta);
            theta[p] = t - step;
            var minus = network.WithParameters(theta);
            theta[p] = t;
            result[p] = combine(plus, minus);
        }
        return result;
    }

    /// <summary>Dense Hessian by central differences of the exact gradient, symmetrised: column p is
    /// (∇L(θ+heₚ) − ∇L(θ−heₚ))/(2h).</summary>
    /// <remarks>Independent of σ'' (the exact gradient uses σ and σ' only): the reference for the residual term
    /// 2/(νn)Σᵢrᵢ∇²fᵢ of the smooth activations. Truncation O(h²), rounding about ε‖∇L‖/h.</remarks>
    public static double[] Hessian(TwoLayerNetwork network, Dataset data, LossConvention loss, double step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(network);
        var theta = network.Parameters.ToArray();
        int n = theta.Length;
        var h = new double[n * n];
        for (int p = 0; p < n; p++)
        {
            double t = theta[p];
            theta[p] = t + step;
            var gp = LossGradient.Compute(network.WithParameters(theta), data, loss);
            theta[p] = t - step;
            var gm = LossGradient.Compute(network.WithParameters(theta), data, loss);
            theta[p] = t;
            for (int q = 0; q < n; q++) h[q * n + p] = (gp[q] - gm[q]) / (2 * step);
        }
        for (int p = 0; p < n; p++)
            for (int q = p + 1; q < n; q++)
            {
                double avg = 0.5 * (h[p * n + q] + h[q * n + p]);
                h[p * n + q] = avg;
                h[q * n + p] = avg;
            }
        return h;
    }

    /// <summary>Dense Hessian by central second differences of the loss alone, symmetric by construction: entry (p, q),
    /// p ≠ q, is [L(θ+heₚ+h e_q) − L(θ+heₚ−h e_q) − L(θ−heₚ+h e_q) + L(θ−heₚ−h e_q)]/(4h²), the diagonal
    /// [L(θ+heₚ) − 2L(θ) + L(θ−heₚ)]/h².</summary>
    /// <remarks>It evaluates σ only (through <see cref="Loss"/>), never σ' or σ'': a reference independent of every
    /// closed-form derivative, where <see cref="Hessian"/> (differences of the exact gradient) still rests on σ'.
    /// Truncation O(h²), rounding about ε·L/h² (2·10⁻⁸·L at the default h = 10⁻⁴); 2P² + 1 loss evaluations, so for
    /// small P only.</remarks>
    public static double[] HessianOfLoss(TwoLayerNetwork network, Dataset data, LossConvention loss, double step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(network);
        var theta = network.Parameters.ToArray();
        int n = theta.Length;
        double L(int p, double sp, int q, double sq)
        {
            double tp = theta[p], tq = theta[q];
            theta[p] += sp;
            theta[q] += sq;
            double value = Loss(network.WithParameters(theta), data, loss);
            theta[p] = tp;
            theta[q] = tq;
            return value;
        }
        double l0 = Loss(network, data, loss);
        var h = new double[n * n];
        for (int p = 0; p < n; p++)
        {
            h[p * n + p] = (L(p, step, p, 0) - 2 * l0 + L(p, -step, p, 0)) / (step * step);
            for (int q = p + 1; q < n; q++)
            {
                double v = (L(p, step, q, step) - L(p, step, q, -step) - L(p, -step, q, step) + L(p, -step, q, -step)) / (4 * step * step);
                h[p * n + q] = v;
                h[q * n + p] = v;
            }
        }
        return h;
    }
}
