namespace ConnectorHost.Core;

/// <summary>
/// The precondition of a change, as HTTP If-Match carries it (RFC 9110 §13.1.1): the change goes ahead only
/// when the stored version is one of the listed ones, or, for <see cref="AnyStored"/> ("*"), when something is
/// stored at all (version 0 means "nothing stored yet"). A condition listing no version never holds.
/// </summary>
public sealed class VersionCondition
{
    private readonly bool _anyStored;
    private readonly IReadOnlySet<int> _versions;

    private VersionCondition(bool anyStored, IReadOnlySet<int> versions)
    {
        _anyStored = anyStored;
        _versions = versions;
    }

    public static VersionCondition AnyStored { get; } = new(true, new HashSet<int>());

    public static VersionCondition OneOf(IEnumerable<int> versions) => new(false, versions.ToHashSet());

    public static implicit operator VersionCondition(int version) => OneOf([version]);

    public bool IsMetBy(int storedVersion) => _anyStored ? storedVersion > 0 : _versions.Contains(storedVersion);

    public override string ToString() => _anyStored ? "*" : _versions.Count == 0 ? "no version of this host" : string.Join(", ", _versions.Order());
}
