using ConnectorHost.Sdk.Bulk;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Testing;

namespace CommPeak.Dialer.Tests;

/// <summary>The mass-upload file CommPeak accepts, as declared to the host's bulk import and export.</summary>
public sealed class MassUploadFormatTests
{
    [Fact]
    public async Task Describe_MassUploadFormat_ConsistentWithUserSchemaAndCoversMandatoryColumns()
    {
        await using var bed = await CommPeakTestBed.StartAsync();

        var description = await bed.Harness.Send(new DescribeConnector());
        var format = description.FileFormats.ShouldHaveSingleItem();

        format.Name.ShouldBe("commpeak-mass-upload");
        format.MaxRowsPerFile.ShouldBe(500);
        UserFileFormatChecks.Problems(format, description.Schema.User, "Username", "Email", "Role", "SIP Settings").ShouldBeEmpty();
    }

    [Fact]
    public async Task Describe_MassUploadFormat_RoleSkillGroupDeskColumnsHoldTheVendorIdLists()
    {
        await using var bed = await CommPeakTestBed.StartAsync();

        var format = (await bed.Harness.Send(new DescribeConnector())).FileFormats.Single();

        Column(format, "Role").Target.ShouldBe(UserFileTarget.Setting("roles"));
        Column(format, "Skill Group").Target.ShouldBe(UserFileTarget.Setting("skillGroups"));
        Column(format, "Desk").Target.ShouldBe(UserFileTarget.Setting("desks"));
        Column(format, "Username").Target.ShouldBe(UserFileTarget.Core(CoreColumn.Username));
        Column(format, "SIP Settings").Values!["Use WebRTC"].ShouldBe("webrtc");
    }

    [Fact]
    public void Problems_ColumnForUnknownSettingAndBadValueMap_BothReported()
    {
        var schema = new[] { new ConnectorHost.Sdk.Schema.FieldSchema("sip", "SIP", ConnectorHost.Sdk.Schema.FieldType.Enum) { AllowedValues = [new("webrtc", "WebRTC")] } };
        var format = new UserFileFormat("x", "X",
        [
            new("Ghost", UserFileTarget.Setting("ghost")),
            new("SIP", UserFileTarget.Setting("sip")) { Values = new Dictionary<string, string> { ["WebRTC"] = "webrtc", ["Phone"] = "phone" } },
        ]);

        UserFileFormatChecks.Problems(format, schema, "Username").ShouldBe(
        [
            "Column 'Ghost' holds setting 'ghost', which is not in the user schema.",
            "Column 'SIP' maps 'Phone' to 'phone', which 'sip' does not allow.",
            "The vendor requires column 'Username', but the format has no required column of that name.",
        ]);
    }

    private static UserFileColumn Column(UserFileFormat format, string header) => format.Columns.Single(c => c.Header == header);
}
