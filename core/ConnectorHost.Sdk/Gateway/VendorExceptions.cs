namespace ConnectorHost.Sdk.Gateway;

/// <summary>
/// Base of the errors a connector raises when talking to its vendor. The sync engine decides on retries
/// from the type: transient errors are retried, the others are not. Messages must never contain secrets.
/// </summary>
public abstract class VendorException : Exception
{
    /// <summary>Creates the error.</summary>
    protected VendorException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Whether repeating the same call later may succeed.</summary>
    public abstract bool IsTransient { get; }
}

/// <summary>The vendor is down, overloaded (HTTP 429/5xx), timed out, or answered something unreadable.</summary>
public sealed class VendorUnavailableException : VendorException
{
    /// <summary>Creates the error; <paramref name="retryAfter"/> comes from the vendor's Retry-After header, if any.</summary>
    public VendorUnavailableException(string message, TimeSpan? retryAfter = null, Exception? inner = null) : base(message, inner)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the vendor asked us to wait, if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <inheritdoc />
    public override bool IsTransient => true;
}

/// <summary>The vendor refused our credentials. Retrying with the same credentials will not help.</summary>
public sealed class VendorAuthenticationException : VendorException
{
    /// <summary>Creates the error.</summary>
    public VendorAuthenticationException(string message, Exception? inner = null) : base(message, inner) { }

    /// <inheritdoc />
    public override bool IsTransient => false;
}

/// <summary>The vendor rejected the data (validation, conflict, not found). Fix the data, then retry.</summary>
public sealed class VendorRejectedException : VendorException
{
    /// <summary>Creates the error.</summary>
    public VendorRejectedException(string message, int? statusCode = null, Exception? inner = null) : base(message, inner)
    {
        StatusCode = statusCode;
    }

    /// <summary>The vendor's HTTP status, if any.</summary>
    public int? StatusCode { get; }

    /// <inheritdoc />
    public override bool IsTransient => false;
}
