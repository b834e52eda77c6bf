using System.CommandLine;
using Flatness.Numerics.IO;
using Flatness.Numerics.Networks;

namespace Flatness.Cli.Commands;

/// <summary>Options shared by the commands that read a model and data.</summary>
internal sealed class ModelAndDataOptions
{
    public Option<string> Model { get; } = new("--model") { Description = "Model JSON file (see README, 'Model format').", Required = true };
    public Option<string> Data { get; } = new("--data") { Description = "Data CSV: a header row, the d input columns, then the target.", Required = true };
    public Option<string> Loss { get; } = new("--loss")
    {
        Description = "Loss normalisation: mse = (1/n)Σr² (default), half-mse = (1/2n)Σr².",
        DefaultValueFactory = _ => "mse",
    };

    public ModelAndDataOptions() => Loss.AcceptOnlyFromAmong("mse", "half-mse");

    public void AddTo(Command command)
    {
        command.Add(Model);
        command.Add(Data);
        command.Add(Loss);
    }

    /// <summary>Reads and cross-checks the model and the data.</summary>
    /// <exception cref="InputException">Any problem with either file, or mismatched dimensions.</exception>
    public (TwoLayerNetwork Network, Dataset Data, LossConvention Loss) Read(ParseResult parse)
    {
        string modelPath = parse.GetRequiredValue(Model);
        string dataPath = parse.GetRequiredValue(Data);
        var network = ModelFile.Read(modelPath);
        var data = DataFile.Read(dataPath);
        if (data.InputDimension != network.InputDimension)
            throw new InputException(dataPath, $"{data.InputDimension} input columns (plus the target), but the model in {modelPath} has input dimension {network.InputDimension}");
        return (network, data, LossConventions.Parse(parse.GetValue(Loss) ?? "mse"));
    }
}
