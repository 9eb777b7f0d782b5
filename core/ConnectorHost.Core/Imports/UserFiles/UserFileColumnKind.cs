namespace ConnectorHost.Core.Imports.UserFiles;

/// <summary>What a column of a <see cref="UserFileLayout"/> holds.</summary>
internal enum UserFileColumnKind
{
    Core,
    Setting,
}
