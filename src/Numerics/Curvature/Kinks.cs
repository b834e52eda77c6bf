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
        return new KinkDistance(best, at / m, at % m, evaluation.Network.Activation.HasKink);
    }
}

/// <summary>The smallest |zᵢⱼ|, at sample <paramref name="Sample"/> and neuron <paramref name="Neuron"/>.</summary>
/// <param name="MinAbsPreactivation">min_{i,j} |zᵢⱼ|.</param>
/// <param name="Sample">The sample i attaining it.</param>
/// <param name="Neuron">The neuron j attaining it.</param>
/// <param name="ActivationHasKink">Whether σ has a kink at 0 (<see cref="Networks.Activation.HasKink"/>): false for the
/// smooth activations, whose Hessian is defined everywhere.</param>
public sealed record KinkDistance(double MinAbsPreactivation, int Sample, int Neuron, bool ActivationHasKink = true)
{
    /// <summary>Whether some sample sits exactly on a kink (the Hessian is undefined there); never for a smooth σ.</summary>
    public bool OnKink => ActivationHasKink && MinAbsPreactivation == 0;
}
