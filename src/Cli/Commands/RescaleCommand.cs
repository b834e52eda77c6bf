using System.CommandLine;
using Flatness.Numerics.Curvature;
using Flatness.Numerics.IO;

namespace Flatness.Cli.Commands;

/// <summary><c>flatness rescale --balance</c>: writes the balanced network (same function, trace = orbit minimum).</summary>
internal static class RescaleCommand
{
    public static Command Create(CommandIO io)
    {
        var shared = new ModelAndDataOptions();
        var balance = new Option<bool>("--balance") { Description = "Rescale every neuron to the point that attains the orbit-minimal trace (required)." };
        var output = new Option<string?>("--out") { Description = "Write the model JSON here (atomically) instead of standard output." };
        var command = new Command("rescale", "Apply the per-neuron rescaling symmetry; with --balance, the one that minimises the Hessian trace.");
        shared.AddTo(command);
        command.Add(balance);
        command.Add(output);
        command.SetAction(parse =>
        {
            if (!parse.GetValue(balance))
                throw new InputException("rescale", "say --balance (the only rescaling implemented: the orbit-minimal one)");
            var (network, data, loss) = shared.Read(parse);
            var orbit = OrbitMinimalTrace.Compute(network, data, loss);
            if (orbit.Status != OrbitMinimumStatus.Attained)
            {
                io.Error.WriteLine($"error: no balanced network exists: {orbit.Reason}");
                return Program.Failure;
            }
            string json = ModelFile.Serialize(PerNeuronRescaling.Apply(network, orbit.Rescaling()));
            string? path = parse.GetValue(output);
            if (path is null) io.Out.Write(json);
            else
            {
                try
                {
                    AtomicFile.WriteAllText(path, json);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new InputException(path, $"cannot write: {ex.Message}");
                }
            }
            return Program.Success;
        });
        return command;
    }
}
