using ConnectorHost.Sdk.Requests;
using ConnectorHost.Testing;

namespace HostedPbx.Tests;

/// <summary>The user CSV hosted PBX declares to the host's bulk import (it replaced the plugin's own import action).</summary>
public sealed class UserFileFormatTests
{
    [Fact]
    public async Task Describe_UserFileFormat_ConsistentWithUserSchemaWith5000RowsPerFile()
    {
        await using var bed = PbxTestBed.Create();

        var description = await bed.Harness.Send(new DescribeConnector());

        var format = description.FileFormats.ShouldHaveSingleItem();
        format.Name.ShouldBe("hosted-pbx-users");
        format.MaxRowsPerFile.ShouldBe(5000);
        UserFileFormatChecks.Problems(format, description.Schema.User, "username", "firstName", "lastName", "extension").ShouldBeEmpty();
        description.Actions.ShouldNotContain(a => a.Name == "import-csv");
    }
}
