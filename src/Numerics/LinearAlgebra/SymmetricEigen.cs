using MathNet.Numerics.LinearAlgebra;

namespace Flatness.Numerics.LinearAlgebra;

/// <summary>Dense symmetric eigendecomposition (Math.NET's managed provider): the oracle for spectra.</summary>
/// <remarks>O(P³): toolchain.md measured about 0.25 s at P = 500 and 14 s at P = 2000 on this machine kind, so
/// callers use structure (Gram matrices, Lanczos) beyond a few hundred.</remarks>
public static class SymmetricEigen
{
    /// <summary>Eigenvalues of the symmetric part of a row-major P×P matrix, ascending.</summary>
    public static double[] Eigenvalues(ReadOnlySpan<double> matrix, int dimension)
    {
        var m = ToMatrix(matrix, dimension);
        var evd = m.Evd(Symmetricity.Symmetric);
        var values = new double[dimension];
        for (int i = 0; i < dimension; i++) values[i] = evd.EigenValues[i].Real;
        Array.Sort(values);
        return values;
    }

    /// <summary>Eigenvalues (ascending) and the matching unit eigenvectors (column i of the row-major result).</summary>
    public static (double[] Values, double[] Vectors) Decompose(ReadOnlySpan<double> matrix, int dimension)
    {
        var m = ToMatrix(matrix, dimension);
        var evd = m.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, dimension).OrderBy(i => evd.EigenValues[i].Real).ToArray();
        var values = new double[dimension];
        var vectors = new double[dimension * dimension];
        for (int c = 0; c < dimension; c++)
        {
            values[c] = evd.EigenValues[order[c]].Real;
            for (int r = 0; r < dimension; r++) vectors[r * dimension + c] = evd.EigenVectors[r, order[c]];
        }
        return (values, vectors);
    }

    private static Matrix<double> ToMatrix(ReadOnlySpan<double> matrix, int dimension)
    {
        if (dimension < 1 || matrix.Length != dimension * dimension)
            throw new ArgumentException($"a {dimension}x{dimension} matrix needs {dimension * dimension} entries");
        var m = Matrix<double>.Build.Dense(dimension, dimension);
        for (int i = 0; i < dimension; i++)
            for (int j = 0; j < dimension; j++)
                m[i, j] = 0.5 * (matrix[i * dimension + j] + matrix[j * dimension + i]);
        return m;
    }
}
