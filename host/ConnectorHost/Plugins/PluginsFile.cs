using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConnectorHost.Plugins;

/// <summary>One entry of plugins.json. <see cref="Problem"/> is set when the entry itself is unusable.</summary>
internal sealed record PluginEntry(int Index, string Id, string Path, bool Enabled, JsonObject Settings, string? Problem);

/// <summary>
/// Reads plugins.json: <c>{ "plugins": [ { "id", "path", "enabled", "settings" } ] }</c>. A malformed file is
/// an error for the whole file; a bad entry (unknown key, missing id or path, duplicate id, unset environment
/// variable) only faults that entry, so the other plugins still load.
/// </summary>
internal static partial class PluginsFile
{
    private static readonly HashSet<string> EntryKeys = ["id", "path", "enabled", "settings"];

    // ${env:NAME} must be set; ${env:NAME:-fallback} uses the fallback when NAME is unset (dev defaults).
    [GeneratedRegex(@"\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")]
    private static partial Regex EnvReference();

    /// <summary>Finds plugins.json: the configured path, else the first one found walking up from the working directory.</summary>
    public static string? Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return System.IO.Path.GetFullPath(configured);
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "plugins.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <exception cref="PluginsFileException">The file is missing, not JSON, or not shaped as documented.</exception>
    public static IReadOnlyList<PluginEntry> Read(string file, Func<string, string?> environment)
    {
        if (!File.Exists(file))
        {
            throw new PluginsFileException($"{file}: file not found.");
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new PluginsFileException($"{file}: not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).");
        }
        if (root is not JsonObject top || top["plugins"] is not JsonArray list)
        {
            throw new PluginsFileException($"{file}: expected an object with a \"plugins\" array.");
        }
        var unknownTop = top.Select(p => p.Key).Where(k => k is not ("plugins" or "$schema")).ToList();
        if (unknownTop.Count > 0)
        {
            throw new PluginsFileException($"{file}: unknown key(s) {string.Join(", ", unknownTop.Select(k => $"'{k}'"))}; only \"plugins\" is allowed.");
        }

        var baseDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file))!;
        var entries = new List<PluginEntry>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Count; i++)
        {
            entries.Add(ReadEntry(list[i], i + 1, baseDir, seen, environment));
        }
        return entries;
    }

    private static PluginEntry ReadEntry(JsonNode? node, int index, string baseDir, Dictionary<string, int> seen, Func<string, string?> environment)
    {
        var label = $"plugins[{index - 1}]";
        if (node is not JsonObject entry)
        {
            return new PluginEntry(index, label, "", false, [], $"{label}: expected an object with id, path, enabled, settings.");
        }
        var id = entry["id"] is JsonValue idValue && idValue.TryGetValue(out string? idText) ? idText.Trim() : "";
        var name = id.Length > 0 ? $"{label} ('{id}')" : label;
        var displayId = id.Length > 0 ? id : label;
        var path = entry["path"] is JsonValue pathValue && pathValue.TryGetValue(out string? pathText) ? pathText : "";
        var fullPath = path.Length > 0 ? System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, path)) : "";
        var enabled = entry["enabled"] is not JsonValue enabledValue || !enabledValue.TryGetValue(out bool e) || e;

        string? problem = null;
        var unknown = entry.Select(p => p.Key).Where(k => !EntryKeys.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            problem = $"{name}: unknown key(s) {string.Join(", ", unknown.Select(k => $"'{k}'"))}; allowed are id, path, enabled, settings.";
        }
        else if (id.Length == 0)
        {
            problem = $"{label}: 'id' is required.";
        }
        else if (!Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{0,63}$"))
        {
            problem = $"{name}: 'id' must be lower-case letters, digits and dashes.";
        }
        else if (seen.TryGetValue(id, out var first))
        {
            problem = $"{name}: duplicate id; plugins[{first - 1}] already uses '{id}'.";
        }
        else if (path.Length == 0)
        {
            problem = $"{name}: 'path' is required.";
        }
        else if (entry["enabled"] is { } en && en.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            problem = $"{name}: 'enabled' must be true or false.";
        }
        else if (entry["settings"] is { } s && s is not JsonObject)
        {
            problem = $"{name}: 'settings' must be an object.";
        }
        if (id.Length > 0 && !seen.ContainsKey(id))
        {
            seen[id] = index;
        }

        var settings = entry["settings"] is JsonObject raw ? (JsonObject)raw.DeepClone() : new JsonObject();
        if (problem is null)
        {
            problem = ResolveEnvironment(settings, name, "settings", environment);
        }
        return new PluginEntry(index, displayId, fullPath, enabled, settings, problem);
    }

    /// <summary>Replaces ${env:NAME} in every string value; returns a problem naming the field when a variable is unset.</summary>
    private static string? ResolveEnvironment(JsonNode node, string entryName, string path, Func<string, string?> environment)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    if (child is JsonValue v && v.TryGetValue(out string? text))
                    {
                        var (value, missing) = Expand(text, environment);
                        if (missing is not null)
                        {
                            return $"{entryName}: {path}.{key} references environment variable {missing}, which is not set.";
                        }
                        obj[key] = value;
                    }
                    else if (child is not null && ResolveEnvironment(child, entryName, $"{path}.{key}", environment) is { } problem)
                    {
                        return problem;
                    }
                }
                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue(out string? text))
                    {
                        var (value, missing) = Expand(text, environment);
                        if (missing is not null)
                        {
                            return $"{entryName}: {path}[{i}] references environment variable {missing}, which is not set.";
                        }
                        array[i] = value;
                    }
                    else if (array[i] is { } child && ResolveEnvironment(child, entryName, $"{path}[{i}]", environment) is { } problem)
                    {
                        return problem;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static (string Value, string? Missing) Expand(string text, Func<string, string?> environment)
    {
        string? missing = null;
        var value = EnvReference().Replace(text, m =>
        {
            var resolved = environment(m.Groups[1].Value) ?? (m.Groups[2].Success ? m.Groups[2].Value : null);
            if (resolved is null)
            {
                missing ??= m.Groups[1].Value;
                return "";
            }
            return resolved;
        });
        return (value, missing);
    }
}

/// <summary>plugins.json as a whole cannot be used.</summary>
internal sealed class PluginsFileException(string message) : Exception(message);
