using System.Text;
using ConnectorHost.Core.Secrets;

namespace ConnectorHost.Core.Tests;

/// <summary>The core's tests run without a host, so without Data Protection: a marked base64 stands in for ciphertext.</summary>
internal sealed class ReversibleTestProtector : ISecretProtector
{
    private const string Prefix = "test-protected:";

    public string Protect(string clear) => Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(clear));

    public bool TryUnprotect(string protectedValue, out string clear)
    {
        clear = protectedValue.StartsWith(Prefix, StringComparison.Ordinal) ? Encoding.UTF8.GetString(Convert.FromBase64String(protectedValue[Prefix.Length..])) : "";
        return protectedValue.StartsWith(Prefix, StringComparison.Ordinal);
    }
}
