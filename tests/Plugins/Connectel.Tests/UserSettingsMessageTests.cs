using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace Connectel.Tests;

/// <summary>The exact messages and warnings an admin reads when saving Connectel settings, and the usernames suggested.</summary>
public sealed class UserSettingsMessageTests
{
    [Fact]
    public async Task Put_AdminRoleWithUserProfile_SavedWithWarningThatTheProfileHasNoEffect()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        var bob = bed.AddUser("Bob", "Ray");

        var withProfile = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "role": "Admin" }"""));
        var withoutProfile = await bed.PutAsync(bob.Id, bed.Supervisor("""{ "role": "Admin" }""").Without("userProfile"));

        withProfile.Errors.ShouldBeEmpty();
        var warning = withProfile.Warnings.ShouldHaveSingleItem();
        warning.Field.ShouldBe("userProfile");
        warning.Code.ShouldBe(FieldWarningCodes.HiddenField);
        warning.Message.ShouldBe("Role Admin has full access; the user profile has no effect.");
        withoutProfile.Errors.ShouldBeEmpty();
        withoutProfile.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Put_NoInternalNumberFreeWithAutoGenerate_409NamingTheRange()
    {
        await using var bed = await ConnectelTestBed.StartAsync(internalNumberTo: 2001);
        var ann = bed.AddUser("Ann", "Lee");
        var bob = bed.AddUser("Bob", "Ray");
        var cy = bed.AddUser("Cy", "Fox");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        (await bed.PutAsync(bob.Id, bed.Supervisor())).Errors.ShouldBeEmpty();

        var (errors, conflict, _, _) = await bed.PutAsync(cy.Id, bed.Supervisor());

        conflict.ShouldBeTrue();
        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("internalNumber");
        error.Code.ShouldBe(FieldErrorCodes.Conflict);
        error.Message.ShouldBe("No internal number is free in the range 2000–2001; widen the range or switch auto-generate off and give one.");
        bed.Directory.UserSettings(cy.Id).ShouldBeNull();
    }

    [Fact]
    public async Task Put_LastPasswordResetSentByAdmin_400ReadOnlyWithoutUnlockHint()
    {
        await using var bed = await ConnectelTestBed.StartAsync(securitySuite: true);
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "password": "Start-Pass1!", "lastPasswordReset": "2026-11-30T10:00:00.000Z" }"""));

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("lastPasswordReset");
        error.Code.ShouldBe(FieldErrorCodes.ReadOnly);
        error.Message.ShouldBe("'lastPasswordReset' is reported by Connectel and cannot be set here.");
    }

    [Fact]
    public async Task Put_PickupGroupOutsideAsteriskSyntax_400NamingPickupGroups()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "pickupGroups": "64" }"""));

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("pickupGroups");
        error.Code.ShouldBe(FieldErrorCodes.Format);
        error.Message.ShouldBe("Pickup group: '64' is not a group number 0–63 or a range such as 3-5; groups are numbers 0–63, e.g. 1,3-5.");
    }

    [Fact]
    public async Task Put_PickupGroupsNobodyCallsIn_WarningCodeNoPickupMatchAndNoneWithoutPickupGroups()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        var bob = bed.AddUser("Bob", "Ray");

        var unmatched = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "pickupGroups": "9" }"""));
        var none = await bed.PutAsync(bob.Id, bed.Supervisor());

        unmatched.Warnings.ShouldHaveSingleItem().Code.ShouldBe("no_pickup_match");
        none.Errors.ShouldBeEmpty();
        none.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Put_InvalidUsernameWithValidRepair_SuggestsTheRepairNotTheNames()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "username": "Boss.Ann" }"""));

        errors.ShouldHaveSingleItem().Message.ShouldBe("Username 'Boss.Ann' may only contain lowercase letters, digits and dots (Connectel); use 'boss.ann'.");
    }

    [Fact]
    public async Task Put_InvalidUsernameWhoseRepairIsStillInvalid_SuggestsFromTheNames()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "username": "Boss..Ann" }"""));

        errors.ShouldHaveSingleItem().Message.ShouldBe("Username 'Boss..Ann' may only contain lowercase letters, digits and dots (Connectel); use 'ann.lee'.");
    }

    [Fact]
    public async Task Put_InvalidUsernameAnotherUserKeptFromBefore_OnlyTheFormatError()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        var bob = bed.AddUser("Bob", "Ray");
        // Stored before the shape rule: a login once saved is kept.
        bed.Directory.SetUserSettings(bob.Id, bed.Supervisor("""{ "username": "Ann.Lee", "internalNumber": "2000" }""").Without("password"));

        var (errors, conflict, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "username": "Ann.Lee" }"""));

        conflict.ShouldBeFalse();
        var error = errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(FieldErrorCodes.Format);
    }

    [Fact]
    public async Task Put_NoUsernameWhileAnotherUserHasSettingsWithoutOne_SuggestedWithoutConflict()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        var bob = bed.AddUser("Bob", "Ray");
        bed.Directory.SetUserSettings(bob.Id, new JsonObject { ["role"] = "Admin" });

        var (errors, _, _, stored) = await bed.PutAsync(ann.Id, bed.Supervisor());

        errors.ShouldBeEmpty();
        stored["username"]!.GetValue<string>().ShouldBe("ann.lee");
    }

    [Fact]
    public async Task Put_NamesWithoutAnyUsableCharacter_SuggestsUser()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var nobody = bed.Directory.AddUser("___", "!!", "??", "nobody@example.com");

        var (errors, _, _, stored) = await bed.PutAsync(nobody.Id, bed.Supervisor());

        errors.ShouldBeEmpty();
        stored["username"]!.GetValue<string>().ShouldBe("user");
    }

    [Fact]
    public async Task Put_UsernameTakenTwice_SuggestsTheThirdNumber()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var first = bed.AddUser("Ann", "Lee");
        var second = bed.AddUser("Ann", "Lee", "ann2@example.com");
        var third = bed.AddUser("Ann", "Lee", "ann3@example.com");
        (await bed.PutAsync(first.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        (await bed.PutAsync(second.Id, bed.Supervisor())).Stored["username"]!.GetValue<string>().ShouldBe("ann.lee2");

        var (errors, _, _, _) = await bed.PutAsync(third.Id, bed.Supervisor("""{ "username": "ann.lee" }"""));

        errors.ShouldHaveSingleItem().Message.ShouldBe("Username 'ann.lee' is already used by Ann Lee; use 'ann.lee3'.");
    }
}
