using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using MathNet.Numerics.LinearAlgebra;

namespace Flatness.Numerics.Optimization;

/// <summary>The pieces of <see cref="FlattestInterpolatorSearch"/> on normalised labels ŷ = y/rms(y): the augmented
/// Lagrangian and its gradient, the residuals, neuron balancing and the Gauss–Newton projection onto {r = 0}.</summary>
internal sealed class Problem
{
    private readonly Activation _activation;
    private readonly Dataset _data;
    private readonly double[] _y;
    private readonly LossConvention _loss;
    private readonly int _n, _d;

    public Problem(Activation activation, Dataset data, double labelScale, LossConvention loss)
    {
        _activation = activation;
        _data = data;
        _loss = loss;
        _n = data.Count;
        _d = data.InputDimension;
        _y = new double[_n];
        for (int i = 0; i < _n; i++) _y[i] = data.Target(i) / labelScale;
        Norms = OrbitMinimalTraceGradient.SquaredNorms(data);
    }

    /// <summary>‖xᵢ‖².</summary>
    public double[] Norms { get; }

    private int Width(double[] theta) => theta.Length / (_d + 1);

    /// <summary>rᵢ = f(xᵢ; θ) − ŷᵢ.</summary>
    public double[] Residuals(double[] theta)
    {
        int m = Width(theta), block = _d + 1;
        var r = new double[_n];
        for (int i = 0; i < _n; i++)
        {
            var x = _data.Input(i);
            double f = 0;
            for (int j = 0; j < m; j++) f += theta[j * block + _d] * _activation.Value(OrbitMinimalTraceGradient.Dot(theta.AsSpan(j * block, _d), x));
            r[i] = f - _y[i];
        }
        return r;
    }

    /// <summary>ℒ(θ) = F*(θ) + (1/n)Σᵢ[λᵢrᵢ + (μ/2)rᵢ²]; writes ∇ℒ into <paramref name="gradient"/>.</summary>
    /// <remarks>One pass computes zᵢⱼ, σ and σ' for all (i, j); the F* part is the formula of
    /// <see cref="OrbitMinimalTraceGradient"/> (fused here for speed; the tests compare both with finite differences).</remarks>
    public double Lagrangian(double[] theta, double[] lambda, double mu, double[] gradient)
    {
        int m = Width(theta), block = _d + 1;
        EnsureBuffers(m);
        var x = _data.Inputs;
        for (int j = 0; j < m; j++)
        {
            var w = theta.AsSpan(j * block, _d);
            var zj = _z.AsSpan(j * _n, _n);
            for (int i = 0; i < _n; i++) zj[i] = System.Numerics.Tensors.TensorPrimitives.Dot(w, x.Slice(i * _d, _d));
            _activation.Evaluate(zj, _value.AsSpan(j * _n, _n), _slope.AsSpan(j * _n, _n), Span<double>.Empty);
        }
        double value = 0;
        for (int i = 0; i < _n; i++)
        {
            double f = 0;
            for (int j = 0; j < m; j++) f += theta[j * block + _d] * _value[j * _n + i];
            double r = f - _y[i];
            value += (lambda[i] * r + 0.5 * mu * r * r) / _n;
            _weight[i] = (lambda[i] + mu * r) / _n;
        }
        double scale = 2.0 * _loss.CurvatureScale(_n);
        Array.Clear(gradient);
        for (int j = 0; j < m; j++)
        {
            int o = j * block;
            double a = theta[o + _d], p = 0, s = 0, aGrad = 0;
            var v = _value.AsSpan(j * _n, _n);
            var g = _slope.AsSpan(j * _n, _n);
            for (int i = 0; i < _n; i++)
            {
                p += v[i] * v[i];
                s += g[i] * g[i] * Norms[i];
                aGrad += _weight[i] * v[i];
            }
            double factor = 0;
            if (p > 0 && s > 0)
            {
                double root = Math.Sqrt(p * s);
                value += scale * Math.Abs(a) * root;
                aGrad += scale * Math.Sign(a) * root;
                factor = scale * Math.Abs(a) * Math.Sqrt(s / p);
            }
            gradient[o + _d] = aGrad;
            var wGrad = gradient.AsSpan(o, _d);
            for (int i = 0; i < _n; i++)
            {
                double c = factor * v[i] * g[i] + _weight[i] * a * g[i];
                if (c != 0) System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(x.Slice(i * _d, _d), c, wGrad, wGrad);
            }
        }
        return value;
    }

    private double[] _z = [], _value = [], _slope = [], _weight = [];

    private void EnsureBuffers(int m)
    {
        if (_z.Length == m * _n) return;
        _z = new double[m * _n];
        _value = new double[m * _n];
        _slope = new double[m * _n];
        _weight = new double[_n];
    }

    /// <summary>Rescales each neuron to its balanced point c⁴ = aⱼ²Sⱼ/Pⱼ (f and F* unchanged), in place.</summary>
    public void Rebalance(double[] theta)
    {
        int m = Width(theta), block = _d + 1;
        for (int j = 0; j < m; j++)
        {
            int o = j * block;
            double p = 0, s = 0;
            for (int i = 0; i < _n; i++)
            {
                double z = OrbitMinimalTraceGradient.Dot(theta.AsSpan(o, _d), _data.Input(i));
                double v = _activation.Value(z), g = _activation.Derivative(z);
                p += v * v;
                s += g * g * Norms[i];
            }
            double q = theta[o + _d] * theta[o + _d] * s;
            if (!(p > 0 && q > 0)) continue;
            double c = Math.Pow(q / p, 0.25);
            if (!double.IsFinite(c) || c <= 0) continue;
            for (int k = 0; k < _d; k++) theta[o + k] *= c;
            theta[o + _d] /= c;
        }
    }

    /// <summary>Minimum-norm Gauss–Newton steps θ ← θ − Jᵀ(JJᵀ)⁻¹r until max|r| ≤ <paramref name="tolerance"/> (at most 30 steps,
    /// each halved up to 10 times until it lowers max|r|); returns the final max|r| (NaN if JJᵀ is singular at the start).</summary>
    public double Project(double[] theta, double tolerance)
    {
        int m = Width(theta), block = _d + 1;
        var r = Residuals(theta);
        double worst = r.Max(Math.Abs);
        for (int step = 0; step < 30 && worst > tolerance; step++)
        {
            var z = new double[_n, m];
            for (int i = 0; i < _n; i++)
                for (int j = 0; j < m; j++) z[i, j] = OrbitMinimalTraceGradient.Dot(theta.AsSpan(j * block, _d), _data.Input(i));
            var gram = Matrix<double>.Build.Dense(_n, _n);
            for (int i = 0; i < _n; i++)
                for (int l = 0; l <= i; l++)
                {
                    double xx = OrbitMinimalTraceGradient.Dot(_data.Input(i), _data.Input(l)), g = 0;
                    for (int j = 0; j < m; j++)
                    {
                        double a = theta[j * block + _d];
                        g += a * a * _activation.Derivative(z[i, j]) * _activation.Derivative(z[l, j]) * xx
                            + _activation.Value(z[i, j]) * _activation.Value(z[l, j]);
                    }
                    gram[i, l] = g;
                    gram[l, i] = g;
                }
            double ridge = 1e-13 * gram.Diagonal().Maximum();
            for (int i = 0; i < _n; i++) gram[i, i] += ridge;
            Vector<double> v;
            try { v = gram.Cholesky().Solve(Vector<double>.Build.DenseOfArray(r)); }
            catch (ArgumentException) { return step == 0 ? double.NaN : worst; }
            var delta = new double[theta.Length];
            for (int i = 0; i < _n; i++)
            {
                var x = _data.Input(i);
                for (int j = 0; j < m; j++)
                {
                    int o = j * block;
                    delta[o + _d] -= v[i] * _activation.Value(z[i, j]);
                    double c = v[i] * theta[o + _d] * _activation.Derivative(z[i, j]);
                    for (int k = 0; k < _d; k++) delta[o + k] -= c * x[k];
                }
            }
            bool improved = false;
            for (double t = 1; t > 1e-3 && !improved; t *= 0.5)
            {
                var trial = (double[])theta.Clone();
                for (int k = 0; k < trial.Length; k++) trial[k] += t * delta[k];
                var rTrial = Residuals(trial);
                double worstTrial = rTrial.Max(Math.Abs);
                if (!(worstTrial < worst)) continue;
                Array.Copy(trial, theta, theta.Length);
                r = rTrial;
                worst = worstTrial;
                improved = true;
            }
            if (!improved) break;
        }
        return worst;
    }
}
