using Flatness.Claims.Decisions;
using Flatness.Claims.Model;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.References;
using Flatness.Numerics.Statistics;
using Flatness.Numerics.Training;

namespace Flatness.Claims.Checks.PaperA;

/// <summary>A-36: the training engine's full-batch gradient and one GD step (weight decay, clipping) against central
/// differences of a plain-loop loss and against the curvature engine's gradient (issue #16; spec F1).</summary>
internal sealed class A36TrainingGradient() : Claim("A-36")
{
    // n spans three of the engine's 32-row chunks (the last partial); m = 13 fills SIMD lanes of 4 and 8 with a remainder.
    private const int N = 75, D = 3, M = 13;
    private const double Step = 1e-5, LearningRate = 0.05, Decay = 0.1;
    private const double FdTolerance = 1e-7, PathTolerance = 1e-11, LossTolerance = 1e-12;

    private static readonly Activation[] s_activations = [new Relu(), new LeakyRelu(0.2), new AbsoluteValue(), new ReluPower(2)];

    public override string Title => "The training gradient and a GD step match their definitions";
    public override string Statement =>
        @"The gradient with which gradient descent trains, $\nabla\hat L_\nu=\frac{2}{\nu n}\sum_i r_i\nabla f_i$ with $\partial f_i/\partial " +
        @"a_j=\sigma(z_{ij})$, $\partial f_i/\partial\tilde w_j=a_j\sigma'(z_{ij})\tilde x_i$, $\partial f_i/\partial\beta=1$ (spec F1), " +
        @"is the derivative of the loss, and one step of gradient descent is $\theta_1=\theta_0-\eta\,(\mathrm{clip}(\nabla\hat " +
        @"L_\nu(\theta_0))+\lambda\theta_0)$ with $\mathrm{clip}(g)=g\min(1,c/\lVert g\rVert)$, for ReLU, leaky ReLU, $|z|$ and ReLU², " +
        @"with and without biases, $\nu=1,2$.";
    public override string Method =>
        "For each activation, four random Gaussian networks (n = 75, d = 3, m = 13: three of the engine's 32-row chunks, SIMD lanes of 4 " +
        "and 8 with a remainder; no biases or hidden and output biases; ν = 1 and 2) on " +
        "random targets, inputs at least 0.05 from every kink. The training engine's gradient (`FullBatchGradient`, blocked and fused " +
        "with the forward pass) is compared with central differences (h = 10⁻⁵) of the loss evaluated with plain loops and σ written " +
        "from its definition (`ReferenceNetwork`, no code shared with either engine), and with the curvature engine's gradient " +
        "(`LossGradient` on a `NetworkEvaluation`, a second code path). One step of `GradientDescent.Train` with weight decay " +
        "λ = 0.1 and the clip acting (threshold ½‖g‖), and one without decay and with the clip idle (threshold 2‖g‖), η = 0.05, " +
        "are compared with θ₀ − η(clip(g) + λθ₀) computed from the central-difference gradient. Errors are ‖·‖∞ relative to the " +
        "reference's ‖·‖∞ (for the step: to the step's own size, so a 1 % error of the gradient shows as 10⁻²). Criteria per " +
        "activation: engine vs differences < 10⁻⁷ (truncation h²·L‴/6 and rounding ε·L/h are ≈ 10⁻¹⁰ here), engine vs engine " +
        "< 10⁻¹¹ (rounding of two summation orders), loss value vs plain loops < 10⁻¹², the step < 10⁻⁷, and the clip acting " +
        "exactly when ‖g‖ exceeds the threshold. All exact numerics: a 1 % error anywhere is five orders above every tolerance.";

    public override Evidence Check(ClaimContext context)
    {
        var rng = new Rng(context.Seed);
        var b = new EvidenceBuilder()
            .Parameter("activations", string.Join(", ", s_activations.Select(a => a.Describe())))
            .Parameter("sizes", $"n = {N}, d = {D}, m = {M}; no biases, or hidden and output biases; nu = 1 and 2")
            .Parameter("central-difference step", "h = 1e-5 (inputs at least 0.05 from every kink)")
            .Parameter("GD step",
                $"eta = {Numbers.Format(LearningRate)}; weight decay {Numbers.Format(Decay)} with the clip at 0.5 |g|, or none with the clip at 2 |g|");
        var grads = b.Table("Gradients: training engine, curvature engine, central differences", "case", "nu", "|g|", "loss", "FullBatchGradient vs FD",
            "LossGradient vs FD", "FullBatchGradient vs LossGradient", "loss vs plain loops");
        var steps = b.Table("One GD step against theta0 - eta (clip(g) + lambda theta0)", "case", "nu", "lambda",
            "clip threshold / |g|", "clip acted", "rel. error");
        double worstFd = 0, worstStep = 0;
        foreach (var act in s_activations)
        {
            double fbFd = 0, lgFd = 0, fbLg = 0, lossErr = 0, stepErr = 0;
            bool clipRight = true;
            string clipDetail = "";
            foreach (bool bias in new[] { false, true })
                foreach (var loss in new[] { LossConvention.Mse, LossConvention.HalfMse })
                {
                    var c = CaseFactory.Make(act, bias, bias, false, N, D, M, rng);
                    var engine = new FullBatchGradient(act, c.Network.Layout, c.Data, loss);
                    var g = new double[engine.Dimension];
                    double value = engine.Compute(c.Network.Parameters, g);
                    var second = LossGradient.Compute(c.Network, c.Data, loss);
                    var fd = ReferenceNetwork.CentralDifferenceGradient(c.Network, c.Data, loss, Step);
                    double plain = ReferenceNetwork.Loss(c.Network, c.Data, loss);
                    double e1 = Descriptive.MaxRelativeDifference(g, fd), e2 = Descriptive.MaxRelativeDifference(second, fd);
                    double e3 = Descriptive.MaxRelativeDifference(g, second), e4 = Descriptive.RelativeError(value, plain);
                    fbFd = Math.Max(fbFd, e1);
                    lgFd = Math.Max(lgFd, e2);
                    fbLg = Math.Max(fbLg, e3);
                    lossErr = Math.Max(lossErr, e4);
                    double norm = Math.Sqrt(fd.Sum(v => v * v));
                    grads.Row(c.Label, CaseFactory.Nu(loss), Numbers.Format(norm, 4), Numbers.Format(plain, 4), Numbers.Error(e1), Numbers.Error(e2),
                        Numbers.Error(e3), Numbers.Error(e4));
                    // One GD step on two of the four networks: paper B's convention (biases, nu = 2) and paper A's (none, nu = 1).
                    if (bias == (loss == LossConvention.HalfMse))
                        foreach (var (lambda, ratio) in new[] { (Decay, 0.5), (0.0, 2.0) })
                        {
                            var (err, clipped, expected) = OneStep(c.Network, c.Data, loss, fd, norm, lambda, ratio * norm);
                            stepErr = Math.Max(stepErr, err);
                            if (clipped != expected)
                            {
                                clipRight = false;
                                clipDetail = $"{c.Label}: threshold {Numbers.Format(ratio)} |g|, clip acted: {clipped}";
                            }
                            steps.Row(c.Label, CaseFactory.Nu(loss), Numbers.Format(lambda), Numbers.Format(ratio), clipped ? "yes" : "no", Numbers.Error(err));
                        }
                }
            string name = act.Describe();
            b.Criterion(Criterion.Error($"{name}: FullBatchGradient vs central differences (largest relative error, 4 networks)", fbFd, FdTolerance));
            b.Criterion(Criterion.Error($"{name}: LossGradient vs central differences", lgFd, FdTolerance));
            b.Criterion(Criterion.Error($"{name}: FullBatchGradient vs LossGradient", fbLg, PathTolerance));
            b.Criterion(Criterion.Error($"{name}: loss value of the training engine vs plain loops", lossErr, LossTolerance));
            b.Criterion(Criterion.Error($"{name}: one GD step vs theta0 - eta (clip(g) + lambda theta0), relative to the step", stepErr, FdTolerance));
            b.Criterion(Criterion.Condition($"{name}: the clip acts exactly when |g| exceeds the threshold", clipRight,
                clipRight ? "acted at threshold 0.5 |g|, idle at 2 |g|" : clipDetail));
            worstFd = Math.Max(worstFd, Math.Max(fbFd, lgFd));
            worstStep = Math.Max(worstStep, stepErr);
        }
        b.ErrorMetric("maxGradientVsDifferences", worstFd).ErrorMetric("maxStepError", worstStep);
        return b.Decide(VerdictMethod.ExactNumerics,
            $"both gradient engines match central differences of the plain-loop loss (largest relative error {Numbers.Error(worstFd)}) and each other, " +
            $"and one GD step with weight decay and clipping is its definition (largest relative error {Numbers.Error(worstStep)}), for all four activations.",
            $"max rel. error {Numbers.Error(worstFd)} (gradient), {Numbers.Error(worstStep)} (step)");
    }

    /// <summary>One step of GradientDescent.Train against θ₀ − η(clip(g) + λθ₀) with g the central-difference gradient.</summary>
    private static (double Error, bool Clipped, bool Expected) OneStep(TwoLayerNetwork start, Dataset data, LossConvention loss, double[] g, double norm,
        double lambda, double threshold)
    {
        var options = new TrainingOptions(LearningRate, 1, lambda, GradientClipping.EveryStep(threshold), Loss: loss);
        var result = GradientDescent.Train(start, data, [], options);
        var theta0 = start.Parameters;
        double factor = Math.Min(1, threshold / norm);
        var expected = new double[theta0.Length];
        var move = new double[theta0.Length];
        for (int p = 0; p < theta0.Length; p++)
        {
            expected[p] = theta0[p] - LearningRate * (factor * g[p] + lambda * theta0[p]);
            move[p] = expected[p] - theta0[p];
        }
        double diff = 0, size = 0;
        var final = result.Final.Parameters;
        for (int p = 0; p < theta0.Length; p++)
        {
            diff = Math.Max(diff, Math.Abs(final[p] - expected[p]));
            size = Math.Max(size, Math.Abs(move[p]));
        }
        return (diff / size, result.ClippedSteps.Contains(0), norm > threshold);
    }
}
