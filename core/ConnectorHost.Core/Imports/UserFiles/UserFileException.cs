namespace ConnectorHost.Core.Imports.UserFiles;

/// <summary>The file as a whole cannot be imported (encoding, header, row limit); nothing of it is written.</summary>
public sealed class UserFileException(string message) : Exception(message);
