namespace ConnectorHost.Core.Domain;

/// <summary>
/// The bytes of an uploaded file, stored once per content (the key is the SHA-256 of the bytes). Settings documents
/// hold only a reference (<c>{"fileName","contentType","size","sha256"}</c>), so reading them never loads the bytes.
/// </summary>
public sealed class StoredFile
{
    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public string Sha256 { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}
