namespace ConnectorHost.Core.Secrets;

/// <summary>
/// Encrypts secret values before they are stored. Implemented by the host with ASP.NET Core Data Protection
/// (key ring in the data folder); the core only sees opaque text.
/// </summary>
public interface ISecretProtector
{
    string Protect(string clear);

    /// <summary>False when the value cannot be decrypted (another key ring, a damaged value); never throws for that.</summary>
    bool TryUnprotect(string protectedValue, out string clear);
}
