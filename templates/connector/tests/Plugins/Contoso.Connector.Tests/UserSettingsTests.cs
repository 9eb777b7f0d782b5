using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace Contoso.Connector.Tests;

/// <summary>What an admin sees when saving a user's settings for the connector.</summary>
public sealed class UserSettingsTests
{
    [Fact]
    public async Task Put_ExtensionOfAnotherUser_ConflictNamingExtension()
    {
        await using var bed = await ContosoConnectorTestBed.StartAsync();
        await bed.AddUserAsync("ann", "21");
        var bob = bed.Harness.Directory.AddUser("bob", "Bob", "Stone", "bob@example.com");

        var outcome = await bed.Harness.PutUserSettingsAsync(bob.Id, new JsonObject { ["extension"] = "21" });

        outcome.IsConflict.ShouldBeTrue();
        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("extension");
        error.Code.ShouldBe(FieldErrorCodes.Conflict);
        error.Message.ShouldContain("'ann'");
    }

    [Fact]
    public async Task Put_ExtensionWithLetters_RefusedWithPatternMessage()
    {
        await using var bed = await ContosoConnectorTestBed.StartAsync();
        var ann = bed.Harness.Directory.AddUser("ann", "Ann", "Lee", "ann@example.com");

        var outcome = await bed.Harness.PutUserSettingsAsync(ann.Id, new JsonObject { ["extension"] = "2a" });

        outcome.IsConflict.ShouldBeFalse();
        outcome.Errors.ShouldHaveSingleItem().Message.ShouldBe("Extension must be 2 to 6 digits.");
    }
}
