using System.Numerics.Tensors;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Randomness;
using Flatness.Numerics.Spectral;

namespace Flatness.Numerics.Training;

public static partial class GradientDescent
{
    /// <summary>One network's training state: θ_t, its engine, and what happens after the gradient of step t is known.</summary>
    private sealed class Run
    {
        private readonly TwoLayerNetwork _start;
        private readonly Dataset _data;
        private readonly double[] _clean;
        private readonly TrainingOptions _options;
        private readonly Action<int>? _progress;
        private readonly List<TrajectoryPoint> _rows = [];
        private readonly List<int> _clipped = [];
        private double[] _theta, _previous;
        private double[]? _topVector;
        private bool _diverged;
        private int _step;

        public Run(TwoLayerNetwork start, Dataset data, double[] clean, TrainingOptions options, Action<int>? progress)
        {
            _start = start;
            _data = data;
            _clean = clean;
            _options = options;
            _progress = progress;
            Engine = new FullBatchGradient(start.Activation, start.Layout, data, options.Loss);
            _theta = start.Parameters.ToArray();
            _previous = (double[])_theta.Clone();
            Gradient = new double[Engine.Dimension];
        }

        public FullBatchGradient Engine { get; }
        public double[] Theta => _theta;
        public double[] Gradient { get; }
        public bool Done { get; private set; }

        /// <summary>Step t with L̂(θ_t) known and ∇L̂(θ_t) in <see cref="Gradient"/>: record, measure, then update θ
        /// (θ ← θ − η(factor·g + λθ) = (1 − ηλ)θ − η·factor·g).</summary>
        public void Advance(double loss)
        {
            int t = _step;
            if (!double.IsFinite(loss) || !double.IsFinite(TensorPrimitives.SumOfSquares(_theta)))
            {
                _diverged = true;
                _theta = _previous;
                Done = true;
                return;
            }
            var options = _options;
            double gnorm = TensorPrimitives.Norm(Gradient);
            bool last = t == options.Steps;
            bool measure = options.SharpnessEvery > 0 && (t % options.SharpnessEvery == 0 || last);
            bool record = measure || last || t % options.RecordEvery == 0;
            bool clip = options.Clipping is { } c && t < c.Steps && gnorm > c.Threshold;
            if (clip && !last) _clipped.Add(t);
            if (record)
            {
                var (lambda, residual) = measure ? Sharpness() : (double.NaN, double.NaN);
                _rows.Add(new TrajectoryPoint(t, loss, CleanMse(Engine.Outputs, _clean), gnorm, clip, TensorPrimitives.Norm(_theta),
                    Engine.ActiveShare, lambda, residual));
                _progress?.Invoke(t);
            }
            if (last)
            {
                Done = true;
                return;
            }
            _theta.CopyTo(_previous, 0);
            double factor = clip ? options.Clipping!.Threshold / gnorm : 1.0;
            double eta = options.LearningRate, wd = options.WeightDecay;
            if (wd > 0) TensorPrimitives.Multiply(_theta, 1 - eta * wd, _theta);
            TensorPrimitives.MultiplyAdd(Gradient, -eta * factor, _theta, _theta);
            _step++;
        }

        public TrainingResult Result() => new(_start.WithParameters(_theta), _rows, _diverged) { ClippedSteps = _clipped };

        private (double Lambda, double Residual) Sharpness()
        {
            var net = _start.WithParameters(_theta);
            var op = new HessianOperator(NetworkEvaluation.Evaluate(net, _data, _options.Loss));
            if (_topVector is null)
            {
                _topVector = new double[Engine.Dimension];
                new Rng(20261128).FillGaussian(_topVector);
            }
            var pair = Lanczos.Largest(op, _topVector, _options.LanczosIterations, _options.LanczosTolerance);
            _topVector = pair.Vector;
            return (pair.Value, pair.Residual);
        }

        private static double CleanMse(ReadOnlySpan<double> outputs, ReadOnlySpan<double> clean)
        {
            if (clean.IsEmpty) return double.NaN;
            double s = 0;
            for (int i = 0; i < outputs.Length; i++) s += (outputs[i] - clean[i]) * (outputs[i] - clean[i]);
            return s / outputs.Length;
        }
    }
}
