using System.Text;
using Flatness.Numerics.Networks;
using Flatness.Numerics.Training;

namespace Flatness.Claims.Checks.PaperB;

/// <summary>A trained run on disk, bit for bit: the final parameters, the trajectory, the clipped steps and the final λ_max
/// (little-endian binary; the data and the start are re-drawn from their seeds, so they are not stored).</summary>
internal static class RunStore
{
    private const string Magic = "flatness-run/1";

    /// <summary>Writes <paramref name="run"/> under <paramref name="key"/> (all or nothing: a temporary file renamed into place).</summary>
    public static void Write(string path, string key, TrainedRun run)
    {
        string tmp = path + ".tmp";
        using (var w = new BinaryWriter(File.Create(tmp), Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(key);
            var theta = run.Result.Final.Parameters;
            w.Write(theta.Length);
            foreach (double v in theta) w.Write(v);
            w.Write(run.Result.Diverged);
            w.Write(run.FinalLambdaMax);
            w.Write(run.Result.ClippedSteps.Count);
            foreach (int s in run.Result.ClippedSteps) w.Write(s);
            w.Write(run.Result.Trajectory.Count);
            foreach (var p in run.Result.Trajectory)
            {
                w.Write(p.Step); w.Write(p.Loss); w.Write(p.CleanMse); w.Write(p.GradientNorm); w.Write(p.Clipped);
                w.Write(p.ParameterNorm); w.Write(p.ActiveShare); w.Write(p.LambdaMax); w.Write(p.LanczosResidual);
            }
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Reads a run written by <see cref="Write"/>; <paramref name="start"/> supplies the network's shape and activation.</summary>
    /// <exception cref="InvalidDataException">Not a run file, another unit's, or a shape that disagrees.</exception>
    public static (TrainingResult Result, double FinalLambdaMax) Read(string path, string key, TwoLayerNetwork start)
    {
        try
        {
            using var r = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (r.ReadString() != Magic) throw new InvalidDataException($"{path}: not a training-run file");
            if (r.ReadString() != key) throw new InvalidDataException($"{path}: holds another run than {key}");
            int p = r.ReadInt32();
            if (p != start.Parameters.Length) throw new InvalidDataException($"{path}: {p} parameters, the cell has {start.Parameters.Length}");
            var theta = new double[p];
            for (int i = 0; i < p; i++) theta[i] = r.ReadDouble();
            bool diverged = r.ReadBoolean();
            double lambda = r.ReadDouble();
            var clipped = new int[r.ReadInt32()];
            for (int i = 0; i < clipped.Length; i++) clipped[i] = r.ReadInt32();
            var rows = new TrajectoryPoint[r.ReadInt32()];
            for (int i = 0; i < rows.Length; i++)
                rows[i] = new TrajectoryPoint(r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadBoolean(), r.ReadDouble(),
                    r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
            if (r.BaseStream.Position != r.BaseStream.Length) throw new InvalidDataException($"{path}: trailing bytes");
            return (new TrainingResult(start.WithParameters(theta), rows, diverged) { ClippedSteps = clipped }, lambda);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: truncated training-run file");
        }
    }
}
