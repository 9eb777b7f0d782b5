using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ConnectorHost.Core.Imports;

/// <summary>
/// The usernames seen so far in one file, for "already in row N of this file". Kept as a 128-bit digest of the
/// normalized name (24 bytes a row instead of the string), so a million-row file costs about 24 MB here; two
/// different names sharing a digest is not a practical concern at that size.
/// </summary>
internal sealed class InFileUsernames
{
    private readonly Dictionary<UInt128, int> _rows = [];

    /// <summary>The row that had this normalized username first, or null (and the name is remembered for <paramref name="row"/>).</summary>
    public int? FirstRowOf(string normalized, int row)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalized), digest);
        var key = MemoryMarshal.Read<UInt128>(digest);
        if (_rows.TryGetValue(key, out var first))
        {
            return first;
        }
        _rows[key] = row;
        return null;
    }
}
