namespace ConnectorHost.Core.Access;

/// <summary>Slow, salted password hashing; the host implements it with ASP.NET Core Identity's hasher.</summary>
public interface IPasswordHashing
{
    string Hash(string password);

    /// <summary>True when <paramref name="password"/> matches; <paramref name="rehash"/> asks to store a fresh hash (older format or cost).</summary>
    bool Verify(string hash, string password, out bool rehash);
}
