using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace CommPeak.Dialer.Tests;

/// <summary>CommPeak's user rules as an admin meets them when saving a user's CommPeak settings.</summary>
public sealed class UserSettingsValidationTests
{
    [Fact]
    public async Task Put_UserWithoutEmail_ErrorNamesEmail()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann", email: null);

        var outcome = await bed.PutAsync(user.Id, """{"roles":["1"]}""");

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("email");
        error.Code.ShouldBe(FieldErrorCodes.Required);
        error.Message.ShouldBe("E-mail is mandatory at CommPeak: give the user a core e-mail address first.");
        outcome.Stored.ShouldBeNull();
    }

    [Fact]
    public async Task Put_NoRoleOwnOrMapped_ErrorNamesRoles()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, "{}");

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("roles");
        error.Code.ShouldBe(FieldErrorCodes.Required);
        error.Message.ShouldBe("CommPeak needs at least one role: choose one here, or give the user a core role or group whose CommPeak settings name one.");
    }

    [Fact]
    public async Task Put_NoOwnRoleButCoreRoleMapsOne_StoredAndPushedWithThatRole()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");
        bed.Directory.AddRole("team-lead", new JsonObject { ["roles"] = new JsonArray("2"), ["tenantSuperuser"] = true }, user.Id);

        var outcome = await bed.PutAsync(user.Id, "{}");
        var projection = await bed.ProjectAsync(user.Id);

        outcome.Errors.ShouldBeEmpty();
        projection.Payload["roles"]!.ToJsonString().ShouldBe("""["2"]""");
        // Tenant superuser comes from the core role too, but the public API names no field for it: the preview says so.
        projection.Warnings.ShouldContain(w => w.Contains("tenantSuperuser"));
    }

    [Fact]
    public async Task Put_GroupMapsSkillGroup_ProjectionCarriesOwnAndGroupSkillGroups()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");
        bed.Directory.AddGroup("support", "Support", new JsonObject { ["skillGroups"] = new JsonArray("11") }, user.Id);
        (await bed.PutAsync(user.Id, """{"roles":["1"],"skillGroups":["10"]}""")).Errors.ShouldBeEmpty();

        var projection = await bed.ProjectAsync(user.Id);

        projection.Payload["skill_groups"]!.ToJsonString().ShouldBe("""["10","11"]""");
    }

    [Fact]
    public async Task Put_CustomSipOptionWithoutUri_ErrorNamesCustomSipUri()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, """{"roles":["1"],"sipOption":"custom"}""");

        outcome.Errors.ShouldHaveSingleItem().Field.ShouldBe("customSipUri");
    }

    [Fact]
    public async Task Put_CustomSipUriNotSip_ErrorSaysSipOrSips()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, """{"roles":["1"],"sipOption":"custom","customSipUri":"http://pbx.example.com"}""");

        outcome.Errors.ShouldHaveSingleItem().Message.ShouldContain("sip: or sips:");
    }

    [Fact]
    public async Task Put_PbxWithExtensionAndDynamic_ErrorNamesPbxExtension()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, """{"roles":["1"],"sipOption":"pbx","pbxExtension":"201","pbxDynamic":true}""");

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("pbxExtension");
        error.Message.ShouldBe("A PBX user has either an extension or a dynamic extension, not both: clear one of them.");
    }

    [Fact]
    public async Task Put_PbxWithNeitherExtensionNorDynamic_ErrorNamesPbxExtension()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, """{"roles":["1"],"sipOption":"pbx","pbxUsername":"ann"}""");

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("pbxExtension");
        error.Message.ShouldBe("A PBX user needs an extension, or 'Dynamic extension' switched on.");
    }

    [Fact]
    public async Task Put_FieldsLeftEmpty_Defaults43200UnlimitedAndWebRtc()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, """{"roles":["1"]}""");
        var payload = (await bed.ProjectAsync(user.Id)).Payload;

        outcome.Stored!["maxSessionTime"]!.GetValue<long>().ShouldBe(43200);
        outcome.Stored.ContainsKey("maxConcurrentSessions").ShouldBeFalse();
        outcome.Stored["sipOption"]!.GetValue<string>().ShouldBe("webrtc");
        payload["max_session_time"]!.GetValue<string>().ShouldBe("43200");
        // Empty is CommPeak's "unlimited".
        payload["max_concurrent_sessions"]!.GetValue<string>().ShouldBe("");
        payload["use_webrtc"]!.GetValue<string>().ShouldBe("1");
        payload["twofa_type"]!.GetValue<string>().ShouldBe("default");
    }

    [Theory]
    [InlineData("""{"roles":["1"],"maxSessionTime":0}""", "maxSessionTime")]
    [InlineData("""{"roles":["1"],"maxConcurrentSessions":0}""", "maxConcurrentSessions")]
    [InlineData("""{"roles":["1"],"twoFactorType":"sms"}""", "twoFactorType")]
    public async Task Put_OutOfRangeOrUnlistedValue_ErrorNamesField(string json, string field)
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        (await bed.PutAsync(user.Id, json)).Errors.ShouldHaveSingleItem().Field.ShouldBe(field);
    }

    [Fact]
    public async Task Put_ExtendedIpAclOnWithoutIps_ErrorNamesAllowedIps()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, """{"roles":["1"],"useExtendedIpAcl":true}""");

        outcome.Errors.ShouldHaveSingleItem().Field.ShouldBe("allowedIps");
    }

    [Fact]
    public async Task Put_AllowedIpNotAnAddress_ErrorNamesTheEntry()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, """{"roles":["1"],"useExtendedIpAcl":true,"allowedIps":["203.0.113.7","198.51.100.0/33","2001:db8::/32"]}""");

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("allowedIps[1]");
        error.Code.ShouldBe(FieldErrorCodes.Format);
        error.Message.ShouldBe("Allowed IPs: entry 2 ('198.51.100.0/33') is not an IPv4/IPv6 address or CIDR range such as 198.51.100.0/24.");
    }

    [Fact]
    public async Task Put_PredictiveQueueValueWhileTenantDefault_StoredWithHiddenFieldWarning()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, """{"roles":["1"],"predictiveQueueCallsPerAgent":3}""");

        outcome.Errors.ShouldBeEmpty();
        outcome.Warnings.ShouldContain(w => w.Field == "predictiveQueueCallsPerAgent" && w.Code == FieldWarningCodes.HiddenField);
    }

    [Fact]
    public async Task Put_CustomPredictiveQueueWithoutValues_ErrorNamesCallsPerAgent()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, """{"roles":["1"],"personalPredictiveQueue":"custom"}""");

        outcome.Errors.ShouldHaveSingleItem().Field.ShouldBe("predictiveQueueCallsPerAgent");
    }

    [Fact]
    public async Task Put_NationalCallerIdNumber_StoredInE164()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, """{"roles":["1"],"callerIdNumber":"030 1234567"}""");

        outcome.Stored!["callerIdNumber"]!.GetValue<string>().ShouldBe("+49301234567");
    }

    [Fact]
    public async Task Put_CallerIdNumberNotAPhoneNumber_ErrorNamesField()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var error = (await bed.PutAsync(user.Id, """{"roles":["1"],"callerIdNumber":"12"}""")).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("callerIdNumber");
        error.Code.ShouldBe(FieldErrorCodes.Format);
        error.Message.ShouldBe("Caller ID Number '12' is not a valid phone number (region DE).");
    }

    [Theory]
    [InlineData("Europe/Berlin", true)]
    [InlineData("America/Sao_Paulo", true)]
    [InlineData("W. Europe Standard Time", false)]
    [InlineData("Mars/Olympus", false)]
    [InlineData("UTC", true)]
    [InlineData("Etc/UTC", true)]
    public async Task Put_TimeZone_OnlyIanaZonesAccepted(string zone, bool accepted)
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, $$"""{"roles":["1"],"timeZone":"{{zone}}"}""");

        outcome.Errors.Count.ShouldBe(accepted ? 0 : 1);
    }

    [Fact]
    public async Task Put_UsernameOfAnotherAgent_ConflictNamingUsername()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        await bed.AddAgentAsync("ann");
        var bob = bed.AddUser("bob");

        var outcome = await bed.PutAsync(bob.Id, """{"roles":["1"],"username":"ANN"}""");

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("username");
        error.Code.ShouldBe(FieldErrorCodes.Conflict);
        error.Message.ShouldBe("CommPeak username 'ANN' is already used by another user.");
        outcome.IsConflict.ShouldBeTrue();
    }

    [Fact]
    public async Task Put_AllTenantTagsAndExplicitTags_StoredWithWarningOnTags()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, """{"roles":["1"],"memberAllTags":true,"tags":["20"]}""");

        outcome.Errors.ShouldBeEmpty();
        var warning = outcome.Warnings.Where(w => w.Code == "ignored_list").ShouldHaveSingleItem();
        warning.Field.ShouldBe("tags");
        warning.Message.ShouldBe("The user is a member of all tenant tags; this list has no effect.");
    }

    [Fact]
    public async Task Put_AllTenantSkillGroupsAndExplicitSkillGroups_StoredWithWarningOnSkillGroups()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, """{"roles":["1"],"memberAllSkillGroups":true,"skillGroups":["10"]}""");

        outcome.Errors.ShouldBeEmpty();
        var warning = outcome.Warnings.Where(w => w.Code == "ignored_list").ShouldHaveSingleItem();
        warning.Field.ShouldBe("skillGroups");
        warning.Message.ShouldBe("The user is a member of all tenant skill groups; this list has no effect.");
    }

    [Theory]
    [InlineData("""{"roles":["1"],"tags":["20"],"skillGroups":["10"]}""")]
    [InlineData("""{"roles":["1"],"memberAllTags":true,"tags":[],"memberAllSkillGroups":true,"skillGroups":[]}""")]
    public async Task Put_ListsWithoutAllTenantOrAllTenantWithEmptyLists_NoIgnoredListWarning(string json)
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, json);

        outcome.Errors.ShouldBeEmpty();
        outcome.Warnings.ShouldNotContain(w => w.Code == "ignored_list");
    }

    [Fact]
    public async Task Put_UsernameAnotherAgentChoseAtCommPeak_ConflictEvenThoughCoreUsernamesDiffer()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        await bed.AddAgentAsync("bob", """{"roles":["1"],"username":"ann.lee"}""");
        var ann = bed.AddUser("ann");

        var outcome = await bed.PutAsync(ann.Id, """{"roles":["1"],"username":"ann.lee"}""");

        outcome.Errors.ShouldHaveSingleItem().Message.ShouldBe("CommPeak username 'ann.lee' is already used by another user.");
        outcome.IsConflict.ShouldBeTrue();
    }

    [Fact]
    public async Task Put_TakenUsernameAndOtherErrors_AllListedAsABadRequestNotAConflict()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        await bed.AddAgentAsync("ann");
        var bob = bed.AddUser("bob");

        var outcome = await bed.PutAsync(bob.Id, """{"roles":["1"],"username":"ann","timeZone":"Mars/Olympus"}""");

        outcome.Errors.Select(e => (e.Field, e.Code, e.Message)).ShouldBe([
            ("username", FieldErrorCodes.Conflict, "CommPeak username 'ann' is already used by another user."),
            ("timeZone", FieldErrorCodes.Format, "Timezone must be an IANA time zone such as Europe/Berlin; got 'Mars/Olympus'."),
        ]);
        outcome.IsConflict.ShouldBeFalse();
    }

    [Theory]
    [InlineData("2001:db8::7", true)]
    [InlineData("198.51.100.0/24", true)]
    [InlineData("gateway", false)]
    [InlineData("10", false)]
    public async Task Put_AllowedIpEntry_OnlyFullAddressesOrRanges(string entry, bool accepted)
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var user = bed.AddUser("ann");

        var outcome = await bed.PutAsync(user.Id, $$"""{"roles":["1"],"useExtendedIpAcl":true,"allowedIps":["{{entry}}"]}""");

        outcome.Errors.Select(e => e.Field).ShouldBe(accepted ? [] : ["allowedIps[0]"]);
    }

    [Fact]
    public async Task Put_SecretsWriteOnly_CaldavTokenAndPbxPasswordDeclaredWriteOnly()
    {
        await using var bed = await CommPeakTestBed.StartAsync();

        var schema = (await bed.Harness.Send(new ConnectorHost.Sdk.Requests.DescribeConnector())).Schema.User;

        schema.Where(f => f.Type == FieldType.Secret).Select(f => (f.Key, f.WriteOnly)).ShouldBe([("caldavToken", true), ("pbxPassword", true)]);
    }
}
