using System.CommandLine;
using Flatness.Claims.Model;
using Flatness.Claims.Running;
using Spectre.Console;

namespace Flatness.Cli.Commands;

/// <summary><c>flatness list</c>: every registered claim.</summary>
internal static class ListCommand
{
    public static Command Create(CommandIO io)
    {
        var json = new Option<bool>("--json") { Description = "Print {\"claims\": [...]} instead of a table." };
        var command = new Command("list", "List every registered claim with its paper, provenance, kind and profile.") { json };
        command.SetAction(parse =>
        {
            var claims = ClaimCatalog.Default.All;
            if (parse.GetValue(json))
            {
                io.Out.WriteLine(JsonText.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("claims");
                    foreach (var c in claims)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", c.Id);
                        w.WriteString("title", c.Title);
                        w.WriteString("paper", c.Paper.Letter);
                        w.WriteString("provenance", c.Provenance.Label());
                        w.WriteString("kind", c.Kind.Name());
                        w.WriteString("profile", c.Profile.Name());
                        w.WriteStartArray("dependsOn");
                        foreach (var d in c.DependsOn) w.WriteStringValue(d);
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }));
                return Program.Success;
            }
            var table = new Table().AddColumn("id").AddColumn("paper").AddColumn("provenance").AddColumn("kind").AddColumn("profile").AddColumn("title");
            foreach (var c in claims)
                table.AddRow(c.Id, c.Paper.Letter, Markup.Escape(c.Provenance.Label()), c.Kind.Name(), c.Profile.Name(), Markup.Escape(c.Title));
            Terminal.Create(io).Write(table);
            return Program.Success;
        });
        return command;
    }
}
