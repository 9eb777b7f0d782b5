using System.Security.Cryptography;
using ConnectorHost.Core.Secrets;
using Microsoft.AspNetCore.DataProtection;

namespace ConnectorHost.Secrets;

/// <summary>
/// Secret values at rest, encrypted with ASP.NET Core Data Protection. The key ring lives in the data folder
/// (see <see cref="KeyRing"/>): whoever has the database but not the key ring sees only ciphertext.
/// </summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    // The purpose string separates these values from anything else protected with the same key ring.
    private readonly IDataProtector _protector = provider.CreateProtector("ConnectorHost.Settings.Secrets.v1");

    public string Protect(string clear) => _protector.Protect(clear);

    public bool TryUnprotect(string protectedValue, out string clear)
    {
        try
        {
            clear = _protector.Unprotect(protectedValue);
            return true;
        }
        catch (CryptographicException)
        {
            // The message would name the key id only, but the caller decides what to log.
            clear = "";
            return false;
        }
    }
}
