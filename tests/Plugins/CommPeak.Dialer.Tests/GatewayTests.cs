using System.Text;
using System.Text.Json.Nodes;
using CommPeak.Dialer.Testing;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;

namespace CommPeak.Dialer.Tests;

/// <summary>Pushes to the fake CommPeak, which refuses anything beyond the documented fields and Basic auth.</summary>
public sealed class GatewayTests
{
    [Fact]
    public async Task Push_NewUser_CreatedWithDocumentedCreateFieldsThenUpdatedWithTheRest()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann", """{"roles":["1"],"skillGroups":["10"],"desks":["30"],"timeZone":"Europe/Berlin","maxConcurrentSessions":2}""");

        var result = await bed.PushAsync(ann.Id);

        result.State.ShouldBe("created");
        var user = bed.CommPeak.UserNamed("ann");
        result.VendorId.ShouldBe(user["id"]!.GetValue<string>());
        result.SettingsPatch!["commpeakUserId"]!.GetValue<string>().ShouldBe(result.VendorId);
        user["email"]!.GetValue<string>().ShouldBe("ann@example.com");
        user["roles"]!.ToJsonString().ShouldBe("""["1"]""");
        user["skill_groups"]!.ToJsonString().ShouldBe("""["10"]""");
        user["sip_option"]!.GetValue<string>().ShouldBe("webrtc");
        user["first_name"]!.GetValue<string>().ShouldBe("Ann");
        user["timezone_id"]!.GetValue<string>().ShouldBe("Europe/Berlin");
        user["max_session_time"]!.GetValue<string>().ShouldBe("43200");
        user["max_concurrent_sessions"]!.GetValue<string>().ShouldBe("2");
        user["is_active"]!.GetValue<string>().ShouldBe("1");
        var create = bed.CommPeak.Calls.Single(c => c.Method == "POST").Json!;
        create.Select(p => p.Key).ShouldAllBe(k => FakeCommPeak.CreateFields.Contains(k));
    }

    [Fact]
    public async Task Push_Again_UpdatesTheSameUserWithoutCreatingAnother()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann");
        var first = await bed.PushAsync(ann.Id);
        (await bed.PutAsync(ann.Id, """{"roles":["1"],"userLanguage":"pt_BR","twoFactorType":"google"}""")).Errors.ShouldBeEmpty();

        var second = await bed.PushAsync(ann.Id, vendorId: first.VendorId);

        second.State.ShouldBe("updated");
        second.VendorId.ShouldBe(first.VendorId);
        bed.CommPeak.Users.Count.ShouldBe(1);
        bed.CommPeak.UserNamed("ann")["default_language"]!.GetValue<string>().ShouldBe("pt_BR");
        bed.CommPeak.UserNamed("ann")["twofa_type"]!.GetValue<string>().ShouldBe("google");
    }

    [Fact]
    public async Task Push_VendorIdLostButUsernameAtCommPeak_AdoptsInsteadOfDuplicating()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var existing = bed.CommPeak.AddUser("ann", "old@example.com", "1");
        var ann = await bed.AddAgentAsync("ann");

        var result = await bed.PushAsync(ann.Id);

        result.VendorId.ShouldBe(existing);
        result.State.ShouldBe("updated");
        bed.CommPeak.Users.Count.ShouldBe(1);
        bed.CommPeak.Users[existing]["email"]!.GetValue<string>().ShouldBe("ann@example.com");
    }

    [Fact]
    public async Task Push_Delete_DeactivatesInsteadOfDeleting()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann");
        var created = await bed.PushAsync(ann.Id);

        var result = await bed.PushAsync(ann.Id, PushOperation.Delete, created.VendorId);

        result.State.ShouldBe("deactivated");
        bed.CommPeak.Users[created.VendorId!]["is_active"]!.GetValue<string>().ShouldBe("0");
        bed.CommPeak.Calls.ShouldNotContain(c => c.Method == "DELETE");
    }

    [Fact]
    public async Task Push_DeleteOfUserCommPeakNeverHad_Absent()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann");

        (await bed.PushAsync(ann.Id, PushOperation.Delete)).State.ShouldBe("absent");
    }

    [Fact]
    public async Task Push_CoreUserDisabled_SentInactive()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann", """{"roles":["1"],"active":false}""");

        await bed.PushAsync(ann.Id);

        bed.CommPeak.UserNamed("ann")["is_active"]!.GetValue<string>().ShouldBe("0");
    }

    [Fact]
    public async Task Push_PasswordResetAtCommPeak_AuthenticationErrorWithoutThePassword()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann");
        bed.CommPeak.Password = "reset-at-commpeak";

        var error = await Should.ThrowAsync<VendorAuthenticationException>(() => bed.PushAsync(ann.Id));

        error.Message.ShouldContain("HTTP 401");
        error.Message.ShouldEndWith("check the connector's apiUsername/apiPassword settings.");
        error.Message.ShouldNotContain(FakeCommPeak.DefaultPassword);
    }

    [Fact]
    public async Task Push_RateLimited_UnavailableWithRetryAfter()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann");
        bed.CommPeak.Fail(429, retryAfter: "30");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => bed.PushAsync(ann.Id));

        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Push_RoleCommPeakNoLongerHas_RejectedWithCommPeaksReason()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann", """{"roles":["2"]}""");
        bed.CommPeak.Roles.TryRemove("2", out _);

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.PushAsync(ann.Id));

        error.Message.ShouldContain("HTTP 422");
        error.Message.ShouldContain("roles id 2 is invalid");
    }

    [Fact]
    public async Task Push_UndocumentedFieldsMapped_SentUnderTheTenantsNamesAndSecretNotInPreview()
    {
        await using var bed = await CommPeakTestBed.StartAsync(undocumentedFieldNames: new JsonArray("callerIdName=caller_id_name", "caldavToken=caldav_token"));
        bed.CommPeak.TenantFields.UnionWith(["caller_id_name", "caldav_token"]);
        var ann = await bed.AddAgentAsync("ann", """{"roles":["1"],"callerIdName":"Acme Sales","caldavToken":"tok-93kd"}""");

        await bed.PushAsync(ann.Id);
        var projection = await bed.ProjectAsync(ann.Id);

        bed.CommPeak.UserNamed("ann")["caller_id_name"]!.GetValue<string>().ShouldBe("Acme Sales");
        bed.CommPeak.UserNamed("ann")["caldav_token"]!.GetValue<string>().ShouldBe("tok-93kd");
        projection.Payload["caller_id_name"]!.GetValue<string>().ShouldBe("Acme Sales");
        projection.Payload.ToJsonString().ShouldNotContain("tok-93kd");
    }

    [Fact]
    public async Task Push_TenantSuperuserFromCoreRoleMapped_SentAsSuperuserOwnValueWins()
    {
        await using var bed = await CommPeakTestBed.StartAsync(undocumentedFieldNames: new JsonArray("tenantSuperuser=is_superuser"));
        bed.CommPeak.TenantFields.Add("is_superuser");
        var ann = await bed.AddAgentAsync("ann");
        var bob = await bed.AddAgentAsync("bob", """{"roles":["1"],"tenantSuperuser":false}""");
        bed.Directory.AddRole("admins", new JsonObject { ["tenantSuperuser"] = true }, ann.Id, bob.Id);

        await bed.PushAsync(ann.Id);
        await bed.PushAsync(bob.Id);

        bed.CommPeak.UserNamed("ann")["is_superuser"]!.GetValue<string>().ShouldBe("1");
        bed.CommPeak.UserNamed("bob")["is_superuser"]!.GetValue<string>().ShouldBe("0");
    }

    [Fact]
    public async Task Push_UndocumentedFieldsNotMapped_NotSentAndPreviewSaysSo()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann", """{"roles":["1"],"callerIdName":"Acme Sales","assignLeads":true}""");

        await bed.PushAsync(ann.Id);
        var projection = await bed.ProjectAsync(ann.Id);

        bed.CommPeak.Calls.ShouldAllBe(c => !c.Body.Contains("Acme Sales"));
        projection.Warnings.ShouldContain(w => w.Contains("assignLeads, callerIdName"));
    }

    [Fact]
    public async Task Push_EveryCall_BasicAuthWithTheApiUser()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann");

        await bed.PushAsync(ann.Id);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeCommPeak.ApiUser}:{FakeCommPeak.DefaultPassword}"));
        bed.CommPeak.Calls.ShouldAllBe(c => c.Authorization == expected);
    }

    [Fact]
    public async Task ListVendorUsers_TwoPages_MatchKeyIsUsername()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.AddUser("ann", "ann@example.com", "1");
        bed.CommPeak.AddUser("bob", "bob@example.com", "2");
        bed.CommPeak.AddUser("cy", "cy@example.com", "1");

        var first = await bed.Harness.Send(new ListVendorUsers(null, 2));
        var second = await bed.Harness.Send(new ListVendorUsers(first.NextCursor, 2));

        first.Items.Select(u => u.MatchKey).ShouldBe(["ann", "bob"]);
        second.Items.Select(u => u.MatchKey).ShouldBe(["cy"]);
        second.NextCursor.ShouldBeNull();
        first.Items[1].Fields["roles"]!.ToJsonString().ShouldBe("""["2"]""");
    }

    [Fact]
    public async Task CommPeakRecordAction_PushedUser_ShowsCommPeaksRecord()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann");
        var pushed = await bed.PushAsync(ann.Id);

        var result = await bed.Harness.Send(new InvokeAction("commpeak-user", bed.Directory.ContextOf(ann.Id), null, new JsonObject()) { VendorId = pushed.VendorId });

        result.ShouldBeOfType<JsonActionResult>().Body["username"]!.GetValue<string>().ShouldBe("ann");
    }
}
