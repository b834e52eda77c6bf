namespace Flatness.Numerics.Curvature;

/// <summary>Distance of the samples from the activation's kink at z = 0, where the Hessian is undefined.</summary>
/// <remarks>Spec §2: report min_{i,j} |zᵢⱼ| and flag non-differentiable points; finite-difference steps must stay
/// well below it.</remarks>
public static class Kinks
{
    /// <summary>min_{i,j} |zᵢⱼ| with its sample and neuron.</summary>
    public static KinkDistance Nearest(NetworkEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var z = evaluation.Preactivations;
        int m = evaluation.Width;
        double best = double.PositiveInfinity;
        int at = 0;
        for (int u = 0; u < z.Length; u++)
        {
            double v = Math.Abs(z[u]);
            if (v < best)
            {
                best = v;
                at = u;
            }
        }
        return new KinkDistance(best, at / m, at % m);
    }
}

/// <summary>The smallest |zᵢⱼ|, at sample <paramref name="Sample"/> and neuron <paramref name="Neuron"/>.</summary>
public sealed record KinkDistance(double MinAbsPreactivation, int Sample, int Neuron)
{
    /// <summary>Whether some sample sits exactly on a kink (the Hessian is undefined there).</summary>
    public bool OnKink => MinAbsPreactivation == 0;
}
