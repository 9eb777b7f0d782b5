namespace ConnectorHost.Host.Tests.Cli;

/// <summary>
/// Reads a table the CLI printed back into rows. Redirected output is 80 columns wide, so long cells wrap onto
/// continuation lines (first column empty); their pieces are joined with a space.
/// </summary>
internal static class ConsoleTable
{
    private static readonly char[] Separators = ['│', '|'];

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string output)
    {
        var lines = output.Split('\n')
            .Select(l => l.TrimEnd('\r').Trim())
            .Where(l => l.Length > 1 && Separators.Contains(l[0]) && Separators.Contains(l[^1]))
            // Rule lines of ASCII borders (|----+----|) are not rows.
            .Where(l => !l.All(c => Separators.Contains(c) || "-=+─┼ ".Contains(c)))
            .Select(l => l[1..^1].Split(Separators).Select(c => c.Trim()).ToArray())
            .ToList();
        if (lines.Count == 0)
        {
            return [];
        }
        var header = lines[0];
        var rows = new List<string[]>();
        foreach (var cells in lines.Skip(1))
        {
            if (cells.Length != header.Length)
            {
                throw new FormatException($"Row with {cells.Length} cells under a header of {header.Length}: {string.Join(" | ", cells)}");
            }
            if (cells[0].Length > 0 || rows.Count == 0)
            {
                rows.Add(cells);
                continue;
            }
            var row = rows[^1];
            for (var i = 0; i < cells.Length; i++)
            {
                if (cells[i].Length > 0)
                {
                    row[i] = row[i].Length == 0 ? cells[i] : row[i] + " " + cells[i];
                }
            }
        }
        return rows.Select(r => (IReadOnlyDictionary<string, string>)header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
