using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>The n×n Gram matrix of parameter gradients, whose spectrum is the Gauss–Newton spectrum (spec F4).</summary>
/// <remarks>
/// <para>J ∈ ℝ^{n×P} has rows ∇_θf(xᵢ)ᵀ and K = JJᵀ, so K_{il} = Σⱼ[σᵢⱼσₗⱼ + aⱼ²σ'ᵢⱼσ'ₗⱼ x̃ᵢᵀx̃ₗ] + 𝟙_β. The
/// Gauss–Newton matrix G = 2/(νn)JᵀJ has the nonzero eigenvalues of 2/(νn)K; at an interpolator (r ≡ 0) the
/// Hessian equals G, so its whole spectrum is those n values and P − n zeros (when P ≥ n). Cost O(n²(m + d) + n³)
/// instead of O(P³). Paper A specification §3, F4.</para>
/// </remarks>
public static class GaussNewtonGram
{
    /// <summary>2/(νn)·K, row-major n×n.</summary>
    public static double[] ScaledGram(NetworkEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        int n = evaluation.Samples, m = evaluation.Width, dt = evaluation.AugmentedDimension;
        var s = evaluation.Values;
        var s1 = evaluation.FirstDerivatives;
        var a = evaluation.OutputWeights;
        var x = evaluation.AugmentedInputs;
        // Row-major transposes so that every product reads B row by row.
        var sT = Transpose(s, n, m);
        var weighted = new double[n * m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) weighted[i * m + j] = a[j] * a[j] * s1[i * m + j];
        var s1T = Transpose(s1, n, m);
        var xT = Transpose(x, n, dt);
        var k = new double[n * n];
        var t = new double[n * n];
        var xx = new double[n * n];
        Gemm.Multiply(s, m, 1, sT, n, k, n, n, m, n);
        Gemm.Multiply(weighted, m, 1, s1T, n, t, n, n, m, n);
        Gemm.Multiply(x, dt, 1, xT, n, xx, n, n, dt, n);
        double bias = evaluation.Network.Layout.HasOutputBias ? 1.0 : 0.0;
        double scale = evaluation.CurvatureScale;
        for (int u = 0; u < k.Length; u++) k[u] = scale * (k[u] + t[u] * xx[u] + bias);
        // Symmetrise exactly: the three products are symmetric up to rounding.
        for (int i = 0; i < n; i++)
            for (int l = i + 1; l < n; l++)
            {
                double v = 0.5 * (k[i * n + l] + k[l * n + i]);
                k[i * n + l] = v;
                k[l * n + i] = v;
            }
        return k;
    }

    /// <summary>Eigenvalues of 2/(νn)K, ascending (n values).</summary>
    public static double[] Spectrum(NetworkEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return SymmetricEigen.Eigenvalues(ScaledGram(evaluation), evaluation.Samples);
    }

    /// <summary>All P eigenvalues of the Gauss–Newton matrix G = 2/(νn)JᵀJ, ascending: the spectrum of 2/(νn)K padded
    /// with P − n zeros (P ≥ n) or its top P values (P &lt; n). Equals the Hessian's spectrum at an interpolator.</summary>
    public static double[] GaussNewtonEigenvalues(NetworkEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var k = Spectrum(evaluation);
        int p = evaluation.Network.Layout.Count, n = k.Length;
        var all = new double[p];
        if (p >= n)
            Array.Copy(k, 0, all, p - n, n);
        else
            Array.Copy(k, n - p, all, 0, p);
        Array.Sort(all);
        return all;
    }

    /// <summary>Trace of 2/(νn)K (= the Gauss–Newton trace, spec F1/F4).</summary>
    public static double Trace(double[] scaledGram, int samples)
    {
        ArgumentNullException.ThrowIfNull(scaledGram);
        double t = 0;
        for (int i = 0; i < samples; i++) t += scaledGram[i * samples + i];
        return t;
    }

    private static double[] Transpose(double[] source, int rows, int cols)
    {
        var t = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) t[j * rows + i] = source[i * cols + j];
        return t;
    }
}
