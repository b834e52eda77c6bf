using Flatness.Numerics.Curvature;
using Flatness.Numerics.LinearAlgebra;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Spectral;

public class LanczosTests
{
    private static IEnumerable<TestNet> AllCases() => Cases.All(n: 12, d: 3, m: 5);

    [TestCaseSource(nameof(AllCases))]
    public void Extremes_OnTheExactHvp_MatchDenseEigendecomposition(TestNet c)
    {
        var op = HessianOperator.Create(c.Network, c.Data);
        var result = Lanczos.Extremes(op, new LanczosOptions(Tolerance: 1e-12));
        var eig = DenseHessian.Compute(c.Network, c.Data).Eigenvalues();
        double scale = Math.Max(Math.Abs(eig[0]), Math.Abs(eig[^1]));
        Assert.That(result.Converged, Is.True);
        Tolerances.AssertClose(result.LambdaMax, eig[^1], 1e-10, 1e-12 * scale, "λmax");
        Tolerances.AssertClose(result.LambdaMin, eig[0], 0, 1e-10 * scale, "λmin");
    }

    [Test]
    public void RitzResidual_BoundsTheDistanceToTheTrueEigenvalue()
    {
        // Diagonal operator with a known spectrum and a small gap at the top; stop early and check |θ − λ| ≤ residual.
        int p = 400;
        var diag = Enumerable.Range(0, p).Select(i => 1.0 + i / (double)p).ToArray();
        diag[^1] = 2.5;
        var op = new DiagonalOperator(diag);
        var result = Lanczos.Extremes(op, new LanczosOptions(MaxIterations: 15, Tolerance: 1e-14));
        Assert.That(result.Converged, Is.False);
        Assert.That(Math.Abs(result.LambdaMax - 2.5), Is.LessThanOrEqualTo(result.ResidualMax));
        Assert.That(Math.Abs(result.LambdaMin - 1.0), Is.LessThanOrEqualTo(result.ResidualMin));
    }

    [Test]
    public void Extremes_OfAKnownSpectrum_ConvergeToRelativeTolerance()
    {
        var rng = new Rng(3);
        int p = 300;
        var diag = new double[p];
        for (int i = 0; i < p; i++) diag[i] = rng.NextUniform(-1, 1);
        diag[7] = 3.0;
        diag[11] = -2.0;
        var result = Lanczos.Extremes(new DiagonalOperator(diag), new LanczosOptions(Tolerance: 1e-10));
        Assert.That(result.Converged, Is.True);
        Tolerances.AssertClose(result.LambdaMax, 3.0, 1e-12);
        Tolerances.AssertClose(result.LambdaMin, -2.0, 1e-12);
        Assert.That(result.Iterations, Is.LessThan(p));
    }

    private sealed class DiagonalOperator(double[] diagonal) : ISymmetricOperator
    {
        public int Dimension => diagonal.Length;

        public void Multiply(ReadOnlySpan<double> vector, Span<double> result)
        {
            for (int i = 0; i < diagonal.Length; i++) result[i] = diagonal[i] * vector[i];
        }
    }
}
