namespace HostedPbx.Testing;

/// <summary>
/// A scripted PBX answer: the next <see cref="Times"/> requests that <see cref="When"/> matches get <see cref="Status"/>,
/// either in the PBX's error shape (with <see cref="Message"/>) or, when <see cref="RawBody"/> is set, with that body
/// as it is; <c>Retry-After</c> is sent when <see cref="RetryAfter"/> is set.
/// </summary>
internal sealed class FakePbxScriptedAnswer(Func<FakePbxCall, bool> when, int status, int times)
{
    public Func<FakePbxCall, bool> When { get; } = when;

    public int Status { get; } = status;

    /// <summary>The header value as sent: seconds (<c>120</c>) or an HTTP date.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>The error message; null for a standard text naming the status.</summary>
    public string? Message { get; init; }

    /// <summary>A body sent instead of the error shape (e.g. plain text from a proxy, or an error with only a code).</summary>
    public string? RawBody { get; init; }

    public string RawContentType { get; init; } = "application/json";

    public int Times { get; private set; } = times;

    /// <summary>True (and counts one use) when this answer is due for <paramref name="call"/>.</summary>
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
