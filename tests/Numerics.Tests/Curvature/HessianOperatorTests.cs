using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

public class HessianOperatorTests
{
    private static IEnumerable<TestNet> AllCases() => Cases.All();

    [TestCaseSource(nameof(AllCases))]
    public void Product_EqualsDenseHessianTimesVector(TestNet c)
    {
        foreach (bool gn in new[] { false, true })
        {
            var e = NetworkEvaluation.Evaluate(c.Network, c.Data, LossConvention.HalfMse);
            var op = new HessianOperator(e, gn);
            var dense = DenseHessian.Compute(c.Network, c.Data, LossConvention.HalfMse, gn);
            var rng = new Rng(7);
            var v = new double[op.Dimension];
            for (int rep = 0; rep < 3; rep++)
            {
                rng.FillGaussian(v);
                var hv = new double[op.Dimension];
                var expected = new double[op.Dimension];
                op.Multiply(v, hv);
                dense.Multiply(v, expected);
                Tolerances.AssertAllClose(hv, expected, 1e-12, 1e-14, gn ? "Gv" : "Hv");
            }
        }
    }

    [TestCaseSource(nameof(AllCases))]
    public void Product_EqualsCentralDifferenceOfTheExactGradient(TestNet c)
    {
        // Hv ≈ (∇L(θ + hv) − ∇L(θ − hv)) / 2h with a unit v; truncation O(h²).
        var op = HessianOperator.Create(c.Network, c.Data);
        var v = new double[op.Dimension];
        new Rng(8).FillGaussian(v);
        double norm = Math.Sqrt(v.Sum(t => t * t));
        for (int i = 0; i < v.Length; i++) v[i] /= norm;
        const double h = 1e-5;
        var theta = c.Network.Parameters.ToArray();
        var plus = theta.Select((t, i) => t + h * v[i]).ToArray();
        var minus = theta.Select((t, i) => t - h * v[i]).ToArray();
        var gp = LossGradient.Compute(c.Network.WithParameters(plus), c.Data);
        var gm = LossGradient.Compute(c.Network.WithParameters(minus), c.Data);
        var fd = gp.Select((g, i) => (g - gm[i]) / (2 * h)).ToArray();
        var hv = new double[v.Length];
        op.Multiply(v, hv);
        Tolerances.AssertAllClose(hv, fd, 1e-6, 1e-8, "Hv vs FD");
    }

    [Test]
    public void Operator_IsSymmetric_uHv_Equals_vHu()
    {
        var c = Cases.Make("relu3", true, true, false, 40, 4, 9, 11);
        var op = HessianOperator.Create(c.Network, c.Data);
        var rng = new Rng(9);
        var u = new double[op.Dimension];
        var v = new double[op.Dimension];
        rng.FillGaussian(u);
        rng.FillGaussian(v);
        var hu = new double[u.Length];
        var hv = new double[v.Length];
        op.Multiply(u, hu);
        op.Multiply(v, hv);
        double uhv = u.Zip(hv, (a, b) => a * b).Sum(), vhu = v.Zip(hu, (a, b) => a * b).Sum();
        Tolerances.AssertClose(uhv, vhu, 1e-12, 1e-12);
    }

    [TestCaseSource(nameof(AllCases))]
    public void DenseHessian_EqualsCentralDifferencesOfTheExactGradient(TestNet c)
    {
        var dense = DenseHessian.Compute(c.Network, c.Data, LossConvention.Mse);
        var fd = FiniteDifferences.Hessian(c.Network, c.Data, LossConvention.Mse);
        Tolerances.AssertAllClose(dense.Matrix, fd, 1e-6, 1e-8, "H vs FD");
    }
}
