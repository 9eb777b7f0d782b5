using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;

namespace Connectel.Tests;

/// <summary>The preview of a user as Connectel would hold it: defaults for a sparse stored document, roles from core roles, warnings.</summary>
public sealed class ProjectionTests
{
    [Fact]
    public async Task Project_StoredDocumentWithoutDefaults_PreviewFillsConnectelsDefaults()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        // A document stored before the defaults existed (or written by another tool) holds only what was set.
        bed.Directory.SetUserSettings(ann.Id, new JsonObject { ["role"] = "Admin", ["username"] = "ann.lee", ["transport"] = "", ["context"] = "" });

        var projection = await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(ann.Id)));

        projection.Payload.ToJsonString().ShouldBe("""
            {"name":"ann.lee","fullname":"Ann Lee","email":"ann@example.com","internal":null,"role":"admin","UserProfileId":null,"description":null,"disabled":false,"sso":false,"messengerSound":false,"context":"from-sip","transport":"udp","nat":"no","disallow":"all","allow":"ulaw;alaw","callgroup":null,"pickupgroup":null}
            """.Trim());
        projection.MatchKey.ShouldBe("ann.lee");
        projection.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Project_OwnValuesSet_PreviewUsesThemNotTheDefaults()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        bed.Directory.SetUserSettings(ann.Id, new JsonObject
        {
            ["role"] = "User", ["userProfile"] = bed.SalesProfile, ["username"] = "ann.lee", ["fullName"] = "Dr. Ann Lee",
            ["autoInternalNumber"] = false, ["internalNumber"] = "2005", ["disabled"] = true, ["sso"] = true, ["messengerSound"] = true,
            ["transport"] = "wss", ["nat"] = "force_rport", ["codecs"] = new JsonArray("opus", "g722"), ["context"] = "from-internal",
            ["callGroups"] = "1,3-5", ["pickupGroups"] = "4", ["password"] = "Start-Pass1!",
        });

        var payload = (await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(ann.Id)))).Payload;

        payload["fullname"]!.GetValue<string>().ShouldBe("Dr. Ann Lee");
        payload["internal"]!.GetValue<string>().ShouldBe("2005");
        payload["UserProfileId"]!.GetValue<string>().ShouldBe(bed.SalesProfile);
        payload["disabled"]!.GetValue<bool>().ShouldBeTrue();
        payload["sso"]!.GetValue<bool>().ShouldBeTrue();
        payload["messengerSound"]!.GetValue<bool>().ShouldBeTrue();
        payload["transport"]!.GetValue<string>().ShouldBe("wss");
        payload["nat"]!.GetValue<string>().ShouldBe("force_rport");
        payload["allow"]!.GetValue<string>().ShouldBe("opus;g722");
        payload["context"]!.GetValue<string>().ShouldBe("from-internal");
        payload["callgroup"]!.GetValue<string>().ShouldBe("1,3-5");
        payload["pickupgroup"]!.GetValue<string>().ShouldBe("4");
        // The initial password is never shown, only that one is set.
        payload["password"]!.GetValue<string>().ShouldNotBe("Start-Pass1!");
    }

    [Fact]
    public async Task Project_RoleFromCoreRoles_AdminWinsAndPreviewWarnsItIsFixed()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        bed.Directory.SetUserSettings(ann.Id, new JsonObject { ["username"] = "ann.lee" });
        bed.Directory.AddRole("agents-lead", new JsonObject { ["role"] = "User", ["userProfile"] = bed.SalesProfile }, ann.Id);
        bed.Directory.AddRole("it", new JsonObject { ["role"] = "Admin" }, ann.Id);
        bed.Directory.AddRole("plain", new JsonObject(), ann.Id);

        var projection = await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(ann.Id)));

        projection.Payload["role"]!.GetValue<string>().ShouldBe("admin");
        projection.Payload["UserProfileId"].ShouldBeNull();
        projection.Warnings.ShouldBe(["Role Admin comes from the user's core roles; it is fixed once the user exists at Connectel."]);
    }

    [Fact]
    public async Task Project_RoleUserFromCoreRoleWithProfile_ProfileOfTheRoleSent()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        bed.Directory.SetUserSettings(ann.Id, new JsonObject { ["username"] = "ann.lee" });
        bed.Directory.AddRole("agents-lead", new JsonObject { ["role"] = "User", ["userProfile"] = bed.SalesProfile }, ann.Id);

        var projection = await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(ann.Id)));

        projection.Payload["role"]!.GetValue<string>().ShouldBe("user");
        projection.Payload["UserProfileId"]!.GetValue<string>().ShouldBe(bed.SalesProfile);
    }

    [Fact]
    public async Task Project_CoreUserDisabled_SentDisabledAndPreviewSaysWhy()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        bed.Directory.SetUserSettings(ann.Id, new JsonObject { ["role"] = "Admin", ["username"] = "ann.lee" });
        var context = bed.Directory.ContextOf(ann.Id);

        var projection = await bed.Harness.Send(new ProjectUser(context with { User = context.User with { Enabled = false } }));

        projection.Payload["disabled"]!.GetValue<bool>().ShouldBeTrue();
        projection.Warnings.ShouldBe(["The user is disabled in the core model, so the Connectel account is disabled too."]);
    }

    [Fact]
    public async Task Project_CoreUserDisabledAndDisabledInSettings_NoExtraWarning()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        bed.Directory.SetUserSettings(ann.Id, new JsonObject { ["role"] = "Admin", ["username"] = "ann.lee", ["disabled"] = true });
        var context = bed.Directory.ContextOf(ann.Id);

        var projection = await bed.Harness.Send(new ProjectUser(context with { User = context.User with { Enabled = false } }));

        projection.Payload["disabled"]!.GetValue<bool>().ShouldBeTrue();
        projection.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Project_WithAvatar_PreviewSaysItIsUploadedSeparately()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        bed.Directory.SetUserSettings(ann.Id, new JsonObject
        {
            ["role"] = "Admin", ["username"] = "ann.lee",
            ["avatar"] = new JsonObject { ["fileName"] = "ann.png", ["contentType"] = "image/png", ["data"] = "iVBORw0KGgo=" },
        });

        var projection = await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(ann.Id)));

        projection.Warnings.ShouldBe(["Avatar 'ann.png' is uploaded separately (api/users/{id}/avatar)."]);
    }
}
