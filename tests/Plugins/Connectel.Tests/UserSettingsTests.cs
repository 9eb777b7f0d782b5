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
        error.Message.ShouldContain("lowercase");
        error.Message.ShouldContain("use 'ann.lee'");
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
        errors.ShouldHaveSingleItem().Message.ShouldContain("use 'ann.lee2'");
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
        error.Message.ShouldContain("Role User needs a user profile");
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
    [InlineData("64")]
    [InlineData("1,3-70")]
    [InlineData("5-3")]
    [InlineData("a")]
    public async Task Put_CallGroupOutsideAsteriskSyntax_400NamingCallGroups(string groups)
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor($$"""{ "callGroups": "{{groups}}" }"""));

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("callGroups");
        error.Message.ShouldContain("0–63");
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
        error.Message.ShouldContain("an upper-case letter, a digit, a special character");
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
        errors.ShouldHaveSingleItem().Message.ShouldContain("Ann Lee");
        missing.Errors.ShouldHaveSingleItem().Field.ShouldBe("internalNumber");
    }

    [Fact]
    public async Task Put_UserWithoutEmail_400SayingConnectelNeedsOne()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.Directory.AddUser("ann", "Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor());

        errors.ShouldHaveSingleItem().Field.ShouldBe("email");
    }

    [Fact]
    public async Task Put_LockedSentByAdmin_400UseUnlockAction()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var (errors, _, _, _) = await bed.PutAsync(ann.Id, bed.Supervisor("""{ "locked": true }"""));

        errors.ShouldHaveSingleItem().Message.ShouldContain("unlock action");
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
