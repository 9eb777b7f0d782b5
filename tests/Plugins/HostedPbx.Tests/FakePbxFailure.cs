namespace HostedPbx.Tests;

/// <summary>
/// A scripted PBX failure: the next <see cref="Times"/> requests that <see cref="When"/> matches are answered with
/// <see cref="Status"/> in the PBX's error shape, with <c>Retry-After</c> when <see cref="RetryAfter"/> is set.
/// </summary>
internal sealed class FakePbxFailure(Func<FakePbxCall, bool> when, int status, string? retryAfter, string? message, int times)
{
    public Func<FakePbxCall, bool> When { get; } = when;

    public int Status { get; } = status;

    /// <summary>The header value as sent: seconds (<c>120</c>) or an HTTP date.</summary>
    public string? RetryAfter { get; } = retryAfter;

    /// <summary>The error message; null for the PBX's standard text for the status.</summary>
    public string? Message { get; } = message;

    public int Times { get; private set; } = times;

    /// <summary>True (and counts one use) when this failure answers <paramref name="call"/>.</summary>
    public bool TryUse(FakePbxCall call)
    {
        lock (this)
        {
            if (Times <= 0 || !When(call))
            {
                return false;
            }
            Times--;
            return true;
        }
    }
}
