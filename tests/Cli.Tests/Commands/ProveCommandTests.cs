using System.Text.Json;

namespace Flatness.Cli.Tests.Commands;

public class ProveCommandTests
{
    [Test]
    public void Json_ListsEachObligationProved_WithItsMutantRefuted_ExitZero()
    {
        using var cli = new CliRunner();
        var (code, output, err) = cli.Run("prove", "A-26", "B-24", "--json");
        Assert.That(code, Is.EqualTo(0), err);
        using var doc = JsonDocument.Parse(output);
        var items = doc.RootElement.GetProperty("obligations").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("id").GetString()), Is.EqualTo(new[] { "A-26", "B-24" }));
        foreach (var i in items)
        {
            Assert.That(i.GetProperty("status").GetString(), Is.EqualTo("proved"));
            Assert.That(i.GetProperty("mutantStatus").GetString(), Is.EqualTo("refuted"));
            Assert.That(i.GetProperty("milliseconds").GetDouble(), Is.GreaterThanOrEqualTo(0));
            Assert.That(i.GetProperty("mutantCounterModel").GetString(), Is.Not.Empty);
        }
    }

    [Test]
    public void Json_SeparatesDefinitionsFromProvedGoals()
    {
        // B-23 has goals that only restate a hypothesis (definitions); A-26 has none.
        using var cli = new CliRunner();
        var (code, output, err) = cli.Run("prove", "A-26", "B-23", "--json");
        Assert.That(code, Is.EqualTo(0), err);
        using var doc = JsonDocument.Parse(output);
        var byId = doc.RootElement.GetProperty("obligations").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        foreach (var i in byId.Values)
            Assert.That(i.GetProperty("goalsProved").GetInt32() + i.GetProperty("definitions").GetInt32(), Is.EqualTo(i.GetProperty("goals").GetInt32()));
        Assert.That(byId["A-26"].GetProperty("definitions").GetInt32(), Is.Zero);
        Assert.That(byId["B-23"].GetProperty("definitions").GetInt32(), Is.Positive);
    }

    [Test]
    public void SmtLib_WritesGoalAndMutantScripts()
    {
        using var cli = new CliRunner();
        string dir = Path.Combine(cli.Folder, "smt");
        var (code, _, _) = cli.Run("prove", "A-34", "--smtlib", dir);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(File.ReadAllText(Path.Combine(dir, "A-34.smt2")), Does.Contain("(check-sat)").And.Contain("expected answer of every check-sat: unsat"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "A-34.mutant.smt2")), Does.Contain("expected answer of every check-sat: sat"));
    }

    [Test]
    public void Table_ShowsStatusesAndASummaryLine()
    {
        using var cli = new CliRunner();
        var (code, output, _) = cli.Run("prove", "A-34");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("A-34").And.Contain("proved").And.Contain("refuted").And.Contain("1 of 1 obligations"));
    }

    [TestCase("prove", "A-99")]
    [TestCase("prove", "--timeout-ms", "0")]
    [TestCase("prove", "--timeout-ms", "abc")]
    [TestCase("prove", "--frobnicate")]
    public void BadInput_ExitTwo_NothingOnStdout(params string[] args)
    {
        using var cli = new CliRunner();
        var (code, output, err) = cli.Run(args);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(output, Is.Empty);
        Assert.That(err, Does.StartWith("error: "));
    }
}
