using ConnectorHost.Sdk.Schema;
using Starface.Cti.Settings;

namespace Starface.Cti.Actions;

/// <summary>The checked input of creating or renaming a CTI group.</summary>
/// <param name="GroupId">The Group ID (a Business Central code; stored upper-case).</param>
/// <param name="Name">The Group name.</param>
internal sealed record CtiGroupInput(string GroupId, string Name)
{
    /// <summary>Both fields are required; their lengths are Business Central's.</summary>
    public static IReadOnlyList<FieldSchema> Fields { get; } =
    [
        new("groupId", new LocalizedText("Group ID", "Gruppen-ID"), FieldType.String) { Required = true, MaxLength = StarfaceCtiSchema.GroupIdMaxLength },
        new("name", new LocalizedText("Group name", "Gruppenname"), FieldType.String) { Required = true, MaxLength = StarfaceCtiSchema.GroupNameMaxLength },
    ];
}
