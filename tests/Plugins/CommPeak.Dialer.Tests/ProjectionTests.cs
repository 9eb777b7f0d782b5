using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;

namespace CommPeak.Dialer.Tests;

/// <summary>
/// The preview of what CommPeak receives (the same values the push sends): CommPeak's defaults for what a stored
/// document leaves out, the user's own values winning, and the warnings an admin reads before pushing.
/// </summary>
public sealed class ProjectionTests
{
    private const string MembershipWarning = "CommPeak documents roles, skill groups and desks for the create call only: later changes to them reach CommPeak through the mass-upload file (or turn on 'updateSendsMemberships' once the tenant's API reference confirms it).";

    [Fact]
    public async Task Project_SparseStoredDocument_CommPeakDefaultsAndOnlyTheMembershipWarning()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = bed.AddUser("ann");
        // Stored before the schema filled defaults in: only the role.
        bed.Directory.SetUserSettings(ann.Id, new JsonObject { ["roles"] = new JsonArray("1") });

        var projection = await bed.ProjectAsync(ann.Id);

        projection.Payload.ToJsonString().ShouldBe("""{"username":"ann","email":"ann@example.com","first_name":"Ann","last_name":"Lee","sip_option":"webrtc","sip_uri":"","use_webrtc":"1","virtual_extension":"","is_active":"1","roles":["1"],"skill_groups":[],"desks":[],"member_all_desks":"0","use_extended_ip_acl":"0","kerb_username":"","timezone_id":"Europe/Berlin","default_language":"en_US","twofa_type":"default","max_session_time":"43200","max_concurrent_sessions":""}""");
        projection.MatchKey.ShouldBe("ann");
        projection.Warnings.ShouldBe([MembershipWarning]);
    }

    [Fact]
    public async Task Project_OwnValues_WinOverDefaultsAndCoreValues()
    {
        await using var bed = await CommPeakTestBed.StartAsync(updateSendsMemberships: true);
        var ann = await bed.AddAgentAsync("ann", """
            {"roles":["1"],"username":"ann.lee","sipOption":"custom","customSipUri":"sip:ann@pbx.example.com","virtualExtension":"2201",
             "memberAllDesks":true,"useExtendedIpAcl":true,"allowedIps":["203.0.113.7"],"kerberosLogin":"ann@EXAMPLE.COM",
             "timeZone":"America/Sao_Paulo","userLanguage":"pt_BR","twoFactorType":"google","maxSessionTime":3600,"maxConcurrentSessions":2,
             "skillGroups":["10"],"desks":["30"]}
            """);

        var projection = await bed.ProjectAsync(ann.Id);

        projection.Payload.ToJsonString().ShouldBe("""{"username":"ann.lee","email":"ann@example.com","first_name":"Ann","last_name":"Lee","sip_option":"custom","sip_uri":"sip:ann@pbx.example.com","use_webrtc":"0","virtual_extension":"2201","is_active":"1","roles":["1"],"skill_groups":["10"],"desks":["30"],"member_all_desks":"1","use_extended_ip_acl":"1","kerb_username":"ann@EXAMPLE.COM","timezone_id":"America/Sao_Paulo","default_language":"pt_BR","twofa_type":"google","max_session_time":"3600","max_concurrent_sessions":"2"}""");
        projection.MatchKey.ShouldBe("ann.lee");
        // updateSendsMemberships is on: no membership warning; the IP list has no documented field.
        projection.Warnings.ShouldBe(["Not sent to CommPeak (its public API names no field for them; map them in the connector setting 'undocumentedFieldNames' or use the mass-upload file): allowedIps."]);
    }

    [Fact]
    public async Task Project_CustomSipWithoutUriAndNoCoreTimeZone_EmptyTexts()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = bed.AddUser("ann");
        bed.Directory.SetUserSettings(ann.Id, new JsonObject { ["roles"] = new JsonArray("1"), ["sipOption"] = "custom" });
        var context = bed.Directory.ContextOf(ann.Id);

        var projection = await bed.Harness.Send(new ProjectUser(context with { User = context.User with { TimeZone = null } }));

        projection.Payload["sip_uri"]!.GetValue<string>().ShouldBe("");
        projection.Payload["timezone_id"]!.GetValue<string>().ShouldBe("");
    }

    [Fact]
    public async Task Project_SwitchedFromCustomSipToWebRtc_OldUriNotSent()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = bed.AddUser("ann");
        bed.Directory.SetUserSettings(ann.Id, new JsonObject { ["roles"] = new JsonArray("1"), ["sipOption"] = "webrtc", ["customSipUri"] = "sip:old@pbx.example.com" });

        var projection = await bed.ProjectAsync(ann.Id);

        projection.Payload["sip_uri"]!.GetValue<string>().ShouldBe("");
        projection.Payload["use_webrtc"]!.GetValue<string>().ShouldBe("1");
    }

    [Fact]
    public async Task Project_AllTenantTagsAndSkillGroupsWithExplicitLists_WarnsTheListsHaveNoEffect()
    {
        await using var bed = await CommPeakTestBed.StartAsync(updateSendsMemberships: true);
        var ann = await bed.AddAgentAsync("ann", """{"roles":["1"],"memberAllTags":true,"tags":["20"],"memberAllSkillGroups":true,"skillGroups":["10"]}""");

        var projection = await bed.ProjectAsync(ann.Id);

        projection.Warnings.ShouldBe([
            "Not sent to CommPeak (its public API names no field for them; map them in the connector setting 'undocumentedFieldNames' or use the mass-upload file): tags, memberAllTags, memberAllSkillGroups.",
            "Member of all tenant tags: the explicit tag list has no effect.",
            "Member of all tenant skill groups: the explicit skill group list has no effect.",
        ]);
    }

    [Theory]
    [InlineData("""{"roles":["1"],"tags":["20"],"skillGroups":["10"]}""", "tags")]
    [InlineData("""{"roles":["1"],"memberAllTags":true,"memberAllSkillGroups":true}""", "memberAllTags, memberAllSkillGroups")]
    public async Task Project_ListsWithoutAllTenantOrAllTenantWithoutLists_NoNoEffectWarning(string json, string unsent)
    {
        await using var bed = await CommPeakTestBed.StartAsync(updateSendsMemberships: true);
        var ann = await bed.AddAgentAsync("ann", json);

        var projection = await bed.ProjectAsync(ann.Id);

        projection.Warnings.ShouldBe([$"Not sent to CommPeak (its public API names no field for them; map them in the connector setting 'undocumentedFieldNames' or use the mass-upload file): {unsent}."]);
    }

    [Fact]
    public async Task Project_OneOfTwoCoreRolesMakesSuperuser_TenantSuperuserListedAsUnsent()
    {
        await using var bed = await CommPeakTestBed.StartAsync(updateSendsMemberships: true);
        var ann = await bed.AddAgentAsync("ann");
        bed.Directory.AddRole("admins", new JsonObject { ["tenantSuperuser"] = true }, ann.Id);
        bed.Directory.AddRole("agents", new JsonObject { ["tenantSuperuser"] = false }, ann.Id);

        var projection = await bed.ProjectAsync(ann.Id);

        projection.Warnings.ShouldBe(["Not sent to CommPeak (its public API names no field for them; map them in the connector setting 'undocumentedFieldNames' or use the mass-upload file): tenantSuperuser."]);
    }

    [Fact]
    public async Task Project_PersonalPredictiveQueue_ListedAsUnsentWithItsNumbersButTenantDefaultIsNot()
    {
        await using var bed = await CommPeakTestBed.StartAsync(updateSendsMemberships: true);
        var ann = await bed.AddAgentAsync("ann", """{"roles":["1"],"personalPredictiveQueue":"custom","predictiveQueueCallsPerAgent":3,"predictiveQueueMaxWaitSeconds":20}""");
        var bob = await bed.AddAgentAsync("bob", """{"roles":["1"],"personalPredictiveQueue":"tenant"}""");

        var custom = await bed.ProjectAsync(ann.Id);
        var tenant = await bed.ProjectAsync(bob.Id);

        custom.Warnings.ShouldBe(["Not sent to CommPeak (its public API names no field for them; map them in the connector setting 'undocumentedFieldNames' or use the mass-upload file): personalPredictiveQueue, predictiveQueueCallsPerAgent, predictiveQueueMaxWaitSeconds."]);
        tenant.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Project_SkillGroupTagAndDeskDeletedAtCommPeak_PreviewWarnsForEach()
    {
        await using var bed = await CommPeakTestBed.StartAsync(updateSendsMemberships: true);
        var ann = await bed.AddAgentAsync("ann", """{"roles":["1"],"skillGroups":["10","11"],"tags":["20"],"desks":["30"]}""");
        bed.CommPeak.SkillGroups.TryRemove("11", out _);
        bed.CommPeak.Tags.TryRemove("20", out _);
        bed.CommPeak.Desks.TryRemove("30", out _);
        foreach (var field in new[] { "roles", "skillGroups", "tags", "desks" })
        {
            await bed.Harness.Send(new ListFieldOptions(field));
        }

        var projection = await bed.ProjectAsync(ann.Id);

        projection.Warnings.Skip(1).ShouldBe([
            "Skill group 11 is no longer offered by CommPeak (deleted there?); CommPeak will refuse it. Pick another in 'skillGroups' or in the mapped core role/group.",
            "Tag 20 is no longer offered by CommPeak (deleted there?); CommPeak will refuse it. Pick another in 'tags' or in the mapped core role/group.",
            "Desk 30 is no longer offered by CommPeak (deleted there?); CommPeak will refuse it. Pick another in 'desks' or in the mapped core role/group.",
        ]);
    }

    [Fact]
    public async Task Push_UpdateSendsMembershipsOn_RoleChangeReachesCommPeakOnUpdate()
    {
        await using var bed = await CommPeakTestBed.StartAsync(updateSendsMemberships: true);
        // A tenant whose update call takes the memberships too (what the setting is for).
        bed.CommPeak.TenantFields.UnionWith(["roles", "skill_groups", "desks"]);
        var ann = await bed.AddAgentAsync("ann");
        var created = await bed.PushAsync(ann.Id);
        (await bed.PutAsync(ann.Id, """{"roles":["2"],"skillGroups":["11"],"desks":["30"]}""")).Errors.ShouldBeEmpty();

        await bed.PushAsync(ann.Id, vendorId: created.VendorId);

        var user = bed.CommPeak.Users[created.VendorId!];
        user["roles"]!.ToJsonString().ShouldBe("""["2"]""");
        user["skill_groups"]!.ToJsonString().ShouldBe("""["11"]""");
        user["desks"]!.ToJsonString().ShouldBe("""["30"]""");
    }
}
