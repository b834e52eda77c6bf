using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Tests.Support;

namespace Flatness.Numerics.Tests.Curvature;

public class FiniteDifferencesTests
{
    private static IEnumerable<TestNet> AllCases() => Cases.All(n: 5, d: 2, m: 3);

    [TestCaseSource(nameof(AllCases))]
    public void HessianOfLoss_IsSymmetric_AndEqualsTheDenseHessian(TestNet c)
    {
        // Reference: DenseHessian (closed-form σ', σ''); the differences use σ only. h = 10⁻⁴ keeps every sample off the
        // kinks (margin 0.05 in Cases) and leaves truncation and rounding near 10⁻⁸ of the entries.
        int p = c.Network.Layout.Count;
        var fd = FiniteDifferences.HessianOfLoss(c.Network, c.Data, LossConvention.Mse);
        var dense = DenseHessian.Compute(c.Network, c.Data, LossConvention.Mse);
        for (int i = 0; i < p; i++)
            for (int j = 0; j < i; j++)
                Assert.That(fd[i * p + j], Is.EqualTo(fd[j * p + i]));
        Tolerances.AssertAllClose(fd, dense.Matrix, 1e-6, 1e-8, "H by second differences of L vs closed form");
    }
}
