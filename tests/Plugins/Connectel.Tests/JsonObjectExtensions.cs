using System.Text.Json.Nodes;

namespace Connectel.Tests;

internal static class JsonObjectExtensions
{
    /// <summary>The document without <paramref name="key"/>, as a client leaving the field out would send it.</summary>
    public static JsonObject Without(this JsonObject document, string key)
    {
        var copy = (JsonObject)document.DeepClone();
        copy.Remove(key);
        return copy;
    }
}
