using Flatness.Numerics.Networks;

namespace Flatness.Numerics.Curvature;

/// <summary>The universal lower bound on the Hessian trace of any bias-free degree-1 interpolator (paper A spec A-D1).</summary>
/// <remarks>Per (i, j): σ(z)² + a²σ'(z)²‖x‖² ≥ 2|a||σ(z)||σ'(z)|‖x‖ with |σ||σ'| = |σ| for ReLU and |z| and ≥ α|σ| for
/// leaky ReLU; Σⱼ|aⱼσ(zᵢⱼ)| ≥ |yᵢ| at an interpolator. Hence Tr∇²L̂_ν ≥ (4c/(νn))Σᵢ‖xᵢ‖|yᵢ| with c = 1 (ReLU, |z|) or
/// c = α (leaky ReLU); the same bound holds for F*, the trace's infimum over the rescaling orbit.</remarks>
public static class InterpolatorFloor
{
    /// <summary>(4c/(νn))Σᵢ‖xᵢ‖|yᵢ| for the labels of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">An activation of degree ≠ 1.</exception>
    public static double Value(Activation activation, Dataset data, LossConvention loss = LossConvention.Mse)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(data);
        double c = activation switch
        {
            LeakyRelu l => l.Slope,
            { IsPiecewiseLinear: true } => 1.0,
            _ => throw new ArgumentException($"the A-D1 floor is stated for degree-1 activations, got {activation}"),
        };
        double s = 0;
        for (int i = 0; i < data.Count; i++)
        {
            var x = data.Input(i);
            s += Math.Sqrt(OrbitMinimalTraceGradient.Dot(x, x)) * Math.Abs(data.Target(i));
        }
        return c * loss.CurvatureScale(data.Count) * 2 * s;
    }
}
