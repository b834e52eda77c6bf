namespace Flatness.Numerics.Spectral;

/// <summary>Eigenvalues of a symmetric tridiagonal matrix by the implicit QL method, tracking chosen rows of the
/// eigenvector matrix.</summary>
/// <remarks>The tql2 algorithm (Bowdler, Martin, Reinsch, Wilkinson, Numer. Math. 11, 1968; as in EISPACK and JAMA).
/// Rotations act on columns of the eigenvector matrix, so any subset of its rows can be accumulated alone: Lanczos
/// needs only the last row (Ritz residuals βₖ|sₖᵢ|) and stochastic Lanczos quadrature only the first (weights τ).
/// O(k²) for k×k with a fixed number of tracked rows.</remarks>
public static class TridiagonalEigen
{
    /// <summary>Eigen-decomposes T = tridiag(offDiagonal, diagonal, offDiagonal).</summary>
    /// <param name="diagonal">α₀..α_{k−1}.</param>
    /// <param name="offDiagonal">β₀..β_{k−2} (entry (i, i+1)).</param>
    /// <param name="trackedRows">Rows of the eigenvector matrix to return (e.g. 0 and k−1).</param>
    /// <returns>Eigenvalues ascending, and for each tracked row its entries in the matching eigenvector order.</returns>
    public static (double[] Values, double[][] Rows) Solve(ReadOnlySpan<double> diagonal, ReadOnlySpan<double> offDiagonal, params int[] trackedRows)
    {
        ArgumentNullException.ThrowIfNull(trackedRows);
        int n = diagonal.Length;
        if (n == 0) throw new ArgumentException("empty matrix");
        if (offDiagonal.Length < n - 1) throw new ArgumentException("need k-1 off-diagonal entries");
        var d = diagonal.ToArray();
        var e = new double[n];
        for (int i = 0; i < n - 1; i++) e[i] = offDiagonal[i];
        var v = new double[trackedRows.Length][];
        for (int t = 0; t < trackedRows.Length; t++)
        {
            if (trackedRows[t] < 0 || trackedRows[t] >= n) throw new ArgumentOutOfRangeException(nameof(trackedRows));
            v[t] = new double[n];
            v[t][trackedRows[t]] = 1.0;
        }
        double f = 0.0, tst1 = 0.0, eps = Math.Pow(2.0, -52.0);
        for (int l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n)
            {
                if (Math.Abs(e[m]) <= eps * tst1) break;
                m++;
            }
            if (m > l)
            {
                int iter = 0;
                do
                {
                    if (++iter > 60) throw new InvalidOperationException("tridiagonal QL did not converge in 60 iterations");
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = Hypot(p, 1.0);
                    if (p < 0) r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) d[i] -= h;
                    f += h;
                    p = d[m];
                    double c = 1.0, c2 = c, c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0, s2 = 0.0;
                    for (int i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        foreach (var row in v)
                        {
                            h = row[i + 1];
                            row[i + 1] = s * row[i] + c * h;
                            row[i] = c * row[i] - s * h;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.Abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
        var order = Enumerable.Range(0, n).OrderBy(i => d[i]).ThenBy(i => i).ToArray();
        var values = order.Select(i => d[i]).ToArray();
        var rows = v.Select(row => order.Select(i => row[i]).ToArray()).ToArray();
        return (values, rows);
    }

    private static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        if (x < y) (x, y) = (y, x);
        if (x == 0) return 0;
        double t = y / x;
        return x * Math.Sqrt(1 + t * t);
    }
}
