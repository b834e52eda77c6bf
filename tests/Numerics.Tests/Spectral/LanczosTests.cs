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

    [TestCase(1e-4)]
    [TestCase(1e-6)]
    [TestCase(1e-9)]
    public void Tolerance_StopsAtTheRequestedRelativeResidual_AndTheErrorIsWithinIt(double tol)
    {
        // Known spectrum: 500 values in [0, 1], a top eigenvalue 2.0 with a modest gap and a bottom −0.5.
        var rng = new Rng(4);
        int p = 500;
        var diag = new double[p];
        for (int i = 0; i < p; i++) diag[i] = rng.NextUniform(0, 1);
        diag[3] = 2.0;
        diag[4] = 1.7;
        diag[9] = -0.5;
        var op = new DiagonalOperator(diag);
        var largest = Lanczos.Extremes(op, new LanczosOptions(Tolerance: tol, Target: LanczosTarget.Largest));
        var tight = Lanczos.Extremes(op, new LanczosOptions(Tolerance: 1e-12, Target: LanczosTarget.Largest));
        var smallest = Lanczos.Extremes(op, new LanczosOptions(Tolerance: tol, Target: LanczosTarget.Smallest));
        Assert.Multiple(() =>
        {
            Assert.That(largest.Converged, Is.True);
            Assert.That(largest.RelativeResidualMax, Is.LessThanOrEqualTo(tol));
            Assert.That(largest.RelativeResidualMax, Is.EqualTo(largest.ResidualMax / Math.Max(Math.Abs(largest.LambdaMax), Math.Abs(largest.LambdaMin))));
            // Some eigenvalue lies within the residual of θ (Golub & Van Loan §10.1); here that is λ_max = 2.
            Assert.That(Math.Abs(largest.LambdaMax - 2.0), Is.LessThanOrEqualTo(largest.ResidualMax));
            Assert.That(largest.Iterations, Is.LessThanOrEqualTo(tight.Iterations));
            Assert.That(smallest.Converged, Is.True);
            Assert.That(smallest.RelativeResidualMin, Is.LessThanOrEqualTo(tol));
            Assert.That(Math.Abs(smallest.LambdaMin + 0.5), Is.LessThanOrEqualTo(smallest.ResidualMin));
        });
        // The stopping rule is on the residual: one step fewer has not met the tolerance yet.
        if (largest.Iterations > 1)
        {
            var before = Lanczos.Extremes(op, new LanczosOptions(MaxIterations: largest.Iterations - 1, Tolerance: tol, Target: LanczosTarget.Largest));
            Assert.That(before.Converged, Is.False);
            Assert.That(before.RelativeResidualMax, Is.GreaterThan(tol));
        }
    }

    [Test]
    public void LooserTolerance_NeverTakesMoreProducts()
    {
        var rng = new Rng(6);
        var diag = new double[400];
        for (int i = 0; i < diag.Length; i++) diag[i] = rng.NextUniform(-1, 1);
        var op = new DiagonalOperator(diag);
        int previous = int.MaxValue;
        foreach (double tol in new[] { 1e-12, 1e-9, 1e-6, 1e-3 })
        {
            int k = Lanczos.Extremes(op, new LanczosOptions(Tolerance: tol)).Iterations;
            Assert.That(k, Is.LessThanOrEqualTo(previous), $"tol {tol}");
            previous = k;
        }
    }

    [TestCase(-1e-6)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void BadTolerance_Throws(double tol) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Lanczos.Extremes(new DiagonalOperator([1.0, 2.0]), new LanczosOptions(Tolerance: tol)));

    private sealed class DiagonalOperator(double[] diagonal) : ISymmetricOperator
    {
        public int Dimension => diagonal.Length;

        public void Multiply(ReadOnlySpan<double> vector, Span<double> result)
        {
            for (int i = 0; i < diagonal.Length; i++) result[i] = diagonal[i] * vector[i];
        }
    }
}
