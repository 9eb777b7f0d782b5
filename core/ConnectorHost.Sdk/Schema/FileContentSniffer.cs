namespace ConnectorHost.Sdk.Schema;

/// <summary>Recognises common upload formats by their leading bytes, so a renamed file cannot pass as another type.</summary>
public static class FileContentSniffer
{
    /// <summary>Returns the content type of <paramref name="bytes"/>, or null when the format is not recognised.</summary>
    public static string? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WAVE"u8))
        {
            return "audio/wav";
        }
        if (bytes.Length >= 3 && bytes[..3].SequenceEqual("ID3"u8))
        {
            return "audio/mpeg";
        }
        // MPEG audio frame sync: 11 set bits.
        if (bytes.Length >= 2 && bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0)
        {
            return "audio/mpeg";
        }
        if (bytes.Length >= 8 && bytes[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return "image/png";
        }
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return "image/jpeg";
        }
        return null;
    }
}
