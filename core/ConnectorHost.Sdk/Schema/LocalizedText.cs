namespace ConnectorHost.Sdk.Schema;

/// <summary>
/// A text in English plus any number of translations keyed by language tag (<c>de</c>, <c>fr</c>, <c>pt-BR</c>).
/// <see cref="For"/> falls back from <c>de-AT</c> to <c>de</c> and then to English.
/// </summary>
/// <param name="En">English text, always present.</param>
public sealed record LocalizedText(string En)
{
    /// <summary>Translations by language tag (case-insensitive); English lives in <see cref="En"/>.</summary>
    public IReadOnlyDictionary<string, string> Translations { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Lets a plain string stand for an English-only text.</summary>
    public static implicit operator LocalizedText(string en) => new(en);

    /// <summary>A copy with one more translation, e.g. <c>new LocalizedText("Extension").With("de", "Durchwahl")</c>.</summary>
    public LocalizedText With(string language, string text)
    {
        var copy = new Dictionary<string, string>(Translations, StringComparer.OrdinalIgnoreCase) { [language] = text };
        return this with { Translations = copy };
    }

    /// <summary>The text for <paramref name="language"/>: the exact tag, then its primary language, then English.</summary>
    public string For(string? language)
    {
        if (string.IsNullOrWhiteSpace(language) || language.StartsWith("en", StringComparison.OrdinalIgnoreCase))
        {
            return En;
        }
        if (Translations.TryGetValue(language, out var exact))
        {
            return exact;
        }
        var dash = language.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && Translations.TryGetValue(language[..dash], out var primary) ? primary : En;
    }

    /// <summary>Equal when English and every translation are equal.</summary>
    public bool Equals(LocalizedText? other) =>
        other is not null
        && En == other.En
        && Translations.Count == other.Translations.Count
        && Translations.All(t => other.Translations.TryGetValue(t.Key, out var v) && v == t.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(En, Translations.Count);
}
