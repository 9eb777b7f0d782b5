using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace Connectel.Tests;

/// <summary>The rules an admin meets when saving a user's Connectel settings.</summary>
public sealed class UserSettingsTests
{
    [Fact]
    public async Task Put_UppercaseUsername_400WithLowercaseSuggestion()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "username": "Ann.Lee" }"""));

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("username");
        error.Code.ShouldBe(FieldErrorCodes.Format);
        error.Message.ShouldBe("Username 'Ann.Lee' may only contain lowercase letters, digits and dots (Connectel); use 'ann.lee'.");
    }

    [Fact]
    public async Task Put_NoUsername_SuggestedFromNamesWithUmlautsWrittenOutAndKeptAfterRename()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var user = bed.AddUser("Jürgen", "Müller");

        var (errors, _, _, stored) = await bed.PutAsync(user.Id, bed.Supervisor());

        errors.ShouldBeEmpty();
        stored["username"]!.GetValue<string>().ShouldBe("juergen.mueller");
        // A later save (e.g. after the core user was renamed) keeps the login: Connectel cannot rename it.
        var again = await bed.PutAsync(user.Id, bed.Supervisor());
        again.Stored["username"]!.GetValue<string>().ShouldBe("juergen.mueller");
    }

    [Fact]
    public async Task Put_UsernameTakenByAnotherUser_409WithFreeSuggestion()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var first = bed.AddUser("Ann", "Lee");
        var second = bed.AddUser("Ann", "Lee", "ann2@example.com");
        (await bed.PutAsync(first.Id, bed.Supervisor())).Errors.ShouldBeEmpty();

        var (errors, conflict, _, _) = await bed.PutAsync(second.Id, bed.Supervisor("""{ "username": "ann.lee" }"""));

        conflict.ShouldBeTrue();
        var error = errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(FieldErrorCodes.Conflict);
        error.Message.ShouldBe("Username 'ann.lee' is already used by Ann Lee; use 'ann.lee2'.");
    }

    [Fact]
    public async Task Put_RoleChangedAfterCreation_400ReadOnly()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, new JsonObject { ["role"] = "Admin" });

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("role");
        error.Code.ShouldBe(FieldErrorCodes.ReadOnly);
    }

    [Fact]
    public async Task Put_UserRoleWithoutProfile_400NamingUserProfile()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, new JsonObject { ["role"] = "User", ["password"] = "Start-Pass1" });

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("userProfile");
        error.Code.ShouldBe(FieldErrorCodes.Required);
        error.Message.ShouldBe("Role User needs a user profile (it decides what the user may do); choose one, or give the user a core role whose Connectel settings name one.");
    }

    [Fact]
    public async Task Put_RoleAndProfileFromCoreRole_UsedUnlessTheUsersOwnSettingSaysOtherwise()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        var bob = bed.AddUser("Bob", "Ray");
        bed.Directory.AddRole("supervisors", new JsonObject { ["role"] = "User", ["userProfile"] = bed.SalesProfile }, ann.Id, bob.Id);
        (await bed.PutAsync(ann.Id, new JsonObject { ["password"] = "Start-Pass1" })).Errors.ShouldBeEmpty();
        (await bed.PutAsync(bob.Id, new JsonObject { ["password"] = "Start-Pass1", ["role"] = "Admin" })).Errors.ShouldBeEmpty();

        var annAtVendor = await bed.PushAsync(ann.Id);
        var bobAtVendor = await bed.PushAsync(bob.Id);

        var annRow = bed.Connectel.Users[int.Parse(annAtVendor.VendorId!)];
        annRow["role"]!.GetValue<string>().ShouldBe("user");
        annRow["UserProfileId"]!.GetValue<int>().ShouldBe(int.Parse(bed.SalesProfile));
        bed.Connectel.Users[int.Parse(bobAtVendor.VendorId!)]["role"]!.GetValue<string>().ShouldBe("admin");
        // The role Ann was created with is kept in her settings from now on.
        annAtVendor.SettingsPatch!["role"]!.GetValue<string>().ShouldBe("User");
    }

    [Fact]
    public async Task Put_AvatarGifRenamedPng_400FileType()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor($$"""{ "avatar": { "fileName": "me.png", "data": "{{SampleImages.Gif()}}" } }"""));

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("avatar");
        error.Code.ShouldBe(FieldErrorCodes.FileType);
    }

    [Fact]
    public async Task Put_AvatarJpegOf9Megabytes_400TooLong()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor($$"""{ "avatar": { "fileName": "me.jpg", "data": "{{SampleImages.Jpeg(9 * 1024 * 1024)}}" } }"""));

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("avatar");
        error.Code.ShouldBe(FieldErrorCodes.TooLong);
    }

    [Theory]
    [InlineData("64", "Call group: '64' is not a group number 0–63 or a range such as 3-5; groups are numbers 0–63, e.g. 1,3-5.")]
    [InlineData("1,3-70", "Call group: '3-70' is not a group number 0–63 or a range such as 3-5; groups are numbers 0–63, e.g. 1,3-5.")]
    [InlineData("5-3", "Call group: range '5-3' runs backwards; groups are numbers 0–63, e.g. 1,3-5.")]
    [InlineData("a", "Call group: 'a' is not a group number 0–63 or a range such as 3-5; groups are numbers 0–63, e.g. 1,3-5.")]
    [InlineData("-3", "Call group: '-3' is not a group number 0–63 or a range such as 3-5; groups are numbers 0–63, e.g. 1,3-5.")]
    public async Task Put_CallGroupOutsideAsteriskSyntax_400NamingCallGroups(string groups, string message)
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor($$"""{ "callGroups": "{{groups}}" }"""));

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("callGroups");
        error.Code.ShouldBe(FieldErrorCodes.Format);
        error.Message.ShouldBe(message);
    }

    [Fact]
    public async Task Put_PickupGroupsNobodyCallsIn_SavedWithWarning()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        var bob = bed.AddUser("Bob", "Ray");
        (await bed.PutAsync(ann.Id, bed.Supervisor("""{ "callGroups": "1,3-5" }"""))).Errors.ShouldBeEmpty();

        var unmatched = await bed.PutAsync(bob.Id, bed.Supervisor("""{ "pickupGroups": "9" }"""));
        var matched = await bed.PutAsync(bob.Id, bed.Supervisor("""{ "pickupGroups": " 4 , 9" }"""));

        unmatched.Errors.ShouldBeEmpty();
        unmatched.Warnings.ShouldHaveSingleItem().Field.ShouldBe("pickupGroups");
        unmatched.Warnings[0].Message.ShouldBe("Pickup groups 9 match nobody's call groups; this user can pick up no calls yet.");
        matched.Warnings.ShouldBeEmpty();
        matched.Stored["pickupGroups"]!.GetValue<string>().ShouldBe("4,9");
    }

    [Fact]
    public async Task Put_WeakPasswordWithSecuritySuite_400NamingWhatIsMissingButNotThePassword()
    {
        await using var bed = await ConnectelTestBed.StartAsync(securitySuite: true);
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "password": "longenough" }"""));

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("password");
        error.Code.ShouldBe(FieldErrorCodes.Format);
        error.Message.ShouldBe("With the Security Suite on, the password needs an upper-case letter, a digit, a special character.");
        error.Message.ShouldNotContain("longenough");
    }

    [Fact]
    public async Task Put_WeakPasswordWithoutSecuritySuite_AcceptedWhenEightCharacters()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        (await bed.PutAsync(ann.Id, bed.Supervisor("""{ "password": "longenough" }"""))).Errors.ShouldBeEmpty();
        (await bed.PutAsync(bed.AddUser("Bo", "Kim").Id, bed.Supervisor("""{ "password": "short" }"""))).Errors.ShouldHaveSingleItem().Code.ShouldBe(FieldErrorCodes.TooShort);
    }

    [Fact]
    public async Task Put_NewUsersWithAutoInternalNumber_LowestFreeNumbersOfTheRangeAndFixedOnceSet()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        var bob = bed.AddUser("Bob", "Ray");

        var annNumber = (await bed.PutAsync(ann.Id, bed.Supervisor())).Stored["internalNumber"]!.GetValue<string>();
        var bobNumber = (await bed.PutAsync(bob.Id, bed.Supervisor())).Stored["internalNumber"]!.GetValue<string>();
        var change = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "internalNumber": "2050" }"""));

        annNumber.ShouldBe("2000");
        bobNumber.ShouldBe("2001");
        change.Errors.ShouldHaveSingleItem().Code.ShouldBe(FieldErrorCodes.ReadOnly);
    }

    [Fact]
    public async Task Put_ManualInternalNumberAnotherUserHas_409NamingThem()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        var bob = bed.AddUser("Bob", "Ray");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();

        var (errors, conflict, _, _) = await bed.PutAsync(bob.Id, bed.Supervisor("""{ "autoInternalNumber": false, "internalNumber": "2000" }"""));
        var missing = await bed.PutAsync(bob.Id, bed.Supervisor("""{ "autoInternalNumber": false }"""));

        conflict.ShouldBeTrue();
        errors.ShouldHaveSingleItem().Message.ShouldBe("Internal number 2000 is already used by Ann Lee.");
        errors[0].Code.ShouldBe(FieldErrorCodes.Conflict);
        missing.Errors.ShouldHaveSingleItem().Field.ShouldBe("internalNumber");
    }

    [Fact]
    public async Task Put_UserWithoutEmail_400SayingConnectelNeedsOne()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.Directory.AddUser("ann", "Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor());

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("email");
        error.Code.ShouldBe(FieldErrorCodes.RequiredByConnector);
        error.Message.ShouldBe("Connectel needs an e-mail address for every user; give the core user one first.");
    }

    [Fact]
    public async Task Put_NewUserWithoutPassword_400InitialPasswordNeeded()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        var settings = bed.Supervisor();
        settings.Remove("password");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, settings);

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("password");
        error.Code.ShouldBe(FieldErrorCodes.Required);
        error.Message.ShouldBe("Connectel needs an initial password to create the user (at least 8 characters; the user changes it at first login).");
    }

    [Fact]
    public async Task Put_InternalNumberWhileAutoGenerateOn_400SwitchItOff()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "internalNumber": "2050" }"""));

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("internalNumber");
        error.Message.ShouldBe("Internal number is generated while 'Auto generate internal number' is on; switch it off to give one yourself.");
    }

    [Fact]
    public async Task Put_UsernameWithoutAnyValidCharacter_SuggestionFromTheNames()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "username": "___" }"""));

        errors.ShouldHaveSingleItem().Message.ShouldBe("Username '___' may only contain lowercase letters, digits and dots (Connectel); use 'ann.lee'.");
    }

    [Fact]
    public async Task Put_WithoutTheValuesConnectelReported_StoredLockedAndResetKept()
    {
        await using var bed = await ConnectelTestBed.StartAsync(securitySuite: true);
        var ann = bed.AddUser("Ann", "Lee");
        var first = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "password": "Start-Pass1!" }"""));
        first.Errors.ShouldBeEmpty();
        var reported = (JsonObject)first.Stored.DeepClone();
        reported["locked"] = true;
        reported["lastPasswordReset"] = "2026-11-30T10:00:00.000Z";
        bed.Directory.SetUserSettings(ann.Id, reported);

        var (errors, _, _, stored) = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "password": "Start-Pass1!", "description": "Team lead" }"""));

        errors.ShouldBeEmpty();
        stored["locked"]!.GetValue<bool>().ShouldBeTrue();
        stored["lastPasswordReset"]!.GetValue<string>().ShouldBe("2026-11-30T10:00:00.000Z");
        stored["description"]!.GetValue<string>().ShouldBe("Team lead");
    }

    [Theory]
    [InlineData("0-63")]
    [InlineData("63")]
    public async Task Put_CallGroupsUpTo63_Accepted(string groups)
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, stored) = await bed.PutAsync(ann.Id, bed.Supervisor($$"""{ "callGroups": "{{groups}}" }"""));

        errors.ShouldBeEmpty();
        stored["callGroups"]!.GetValue<string>().ShouldBe(groups);
    }

    [Fact]
    public async Task Put_LockedSentByAdmin_400UseUnlockAction()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "locked": true }"""));

        var error = errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(FieldErrorCodes.ReadOnly);
        error.Message.ShouldBe("'locked' is reported by Connectel and cannot be set here; use the unlock action.");
    }

    [Fact]
    public async Task Describe_SecuritySuiteOff_NoLastPasswordResetField()
    {
        await using var off = await ConnectelTestBed.StartAsync();
        await using var on = await ConnectelTestBed.StartAsync(securitySuite: true);

        (await off.UserSchemaAsync()).ShouldNotContain(f => f.Key == "lastPasswordReset");
        (await on.UserSchemaAsync()).ShouldContain(f => f.Key == "lastPasswordReset");
    }
}
