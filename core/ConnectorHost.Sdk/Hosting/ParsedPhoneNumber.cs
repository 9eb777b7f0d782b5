namespace ConnectorHost.Sdk.Hosting;

/// <summary>A phone number read by <see cref="IPhoneNumbers.Parse"/>.</summary>
/// <param name="E164">"+" country code and national number, without the extension (e.g. +49301234567).</param>
/// <param name="CountryCode">The country calling code (49).</param>
/// <param name="NationalNumber">The national significant number: no country code, trunk prefix or extension (301234567).</param>
/// <param name="Extension">Extension digits after the number, if any.</param>
/// <param name="IsValid">Whether the number is a valid number of its region (not only well-formed).</param>
public sealed record ParsedPhoneNumber(string E164, int CountryCode, string NationalNumber, string? Extension, bool IsValid);
