using System.Text.Json.Nodes;
using Connectel.Gateway;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;

namespace Connectel.Tests;

/// <summary>Pushes and listings at their edges: refusals an operator reads, settings patches, adoption on delete, odd Connectel answers.</summary>
public sealed class GatewayEdgeTests
{
    [Fact]
    public async Task Push_SettingsWithoutUsername_RefusedAskingToSaveAgain()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        bed.Directory.SetUserSettings(ann.Id, bed.Supervisor());

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.PushAsync(ann.Id));

        error.Message.ShouldBe("User 'ann.lee' has no Connectel username; save their Connectel settings again.");
        bed.Connectel.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Push_NewUserWithoutInitialPassword_RefusedAndNothingCreated()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        bed.Directory.UserSettings(ann.Id)!.Remove("password");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.PushAsync(ann.Id));

        error.Message.ShouldBe("User 'ann.lee' has no initial Connectel password; set one in their Connectel settings.");
        bed.Connectel.Users.ShouldBeEmpty();
    }

    [Fact]
    public async Task Push_KnownVendorId_OneUpdateAndNoLookupByLogin()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        var created = await bed.PushAsync(ann.Id);
        var before = bed.Connectel.Calls.Count;

        await bed.PushAsync(ann.Id, created.VendorId);

        var calls = bed.Connectel.Calls.Skip(before).ToList();
        calls.Count(c => c.Method == "PUT").ShouldBe(1);
        calls.ShouldNotContain(c => c.Method == "GET");
    }

    [Fact]
    public async Task Push_NothingChangedAtConnectel_NoSettingsPatch()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        var created = await bed.PushAsync(ann.Id);

        var again = await bed.PushAsync(ann.Id, created.VendorId);

        again.State.ShouldBe("updated");
        again.SettingsPatch.ShouldBeNull();
    }

    [Fact]
    public async Task Push_AccountLockedAtConnectel_PatchCarriesOnlyLocked()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        var created = await bed.PushAsync(ann.Id);
        bed.Connectel.Lock("ann.lee");

        var locked = await bed.PushAsync(ann.Id, created.VendorId);
        var unchanged = await bed.PushAsync(ann.Id, created.VendorId);

        locked.SettingsPatch.ShouldNotBeNull();
        locked.SettingsPatch.ToJsonString().ShouldBe("""{"locked":true}""");
        unchanged.SettingsPatch.ShouldBeNull();
    }

    [Fact]
    public async Task Delete_VendorIdLost_FoundByLoginAndEmailAndDeleted()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        await bed.PushAsync(ann.Id);

        var result = await bed.PushAsync(ann.Id, vendorId: null, PushOperation.Delete);

        result.State.ShouldBe("deleted");
        bed.Connectel.Users.ShouldBeEmpty();
    }

    [Fact]
    public async Task Delete_LoginAtConnectelWithAnotherEmail_LeftAloneAndAbsent()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        bed.Connectel.AddUser("ann.lee", "other@example.com");
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();

        var result = await bed.PushAsync(ann.Id, vendorId: null, PushOperation.Delete);

        result.State.ShouldBe("absent");
        bed.Connectel.UserNamed("ann.lee")["email"]!.GetValue<string>().ShouldBe("other@example.com");
    }

    [Fact]
    public async Task Delete_UserWithUploadedAvatar_UploadRecordForgotten()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor($$"""{ "avatar": { "fileName": "me.png", "data": "{{SampleImages.Png()}}" } }"""))).Errors.ShouldBeEmpty();
        var created = await bed.PushAsync(ann.Id);
        (await bed.Harness.Store.GetAsync(PushConnectelUser.AvatarUploads, created.VendorId!, CancellationToken.None)).ShouldNotBeNull();

        (await bed.PushAsync(ann.Id, created.VendorId, PushOperation.Delete)).State.ShouldBe("deleted");

        (await bed.Harness.Store.GetAsync(PushConnectelUser.AvatarUploads, created.VendorId!, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Push_CreateAnsweredWithoutId_UnavailableNamingTheCall()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        bed.Connectel.Fail(201, when: c => c.Method == "POST", rawBody: """{ "name": "ann.lee" }""");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => bed.PushAsync(ann.Id));

        error.Message.ShouldBe("Connectel answered POST /api/users without a user id.");
    }

    [Fact]
    public async Task List_AnsweredWithoutCount_UnavailableNamingTheCall()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        bed.Connectel.Fail(200, when: c => c.Method == "GET", rawBody: """{ "rows": [] }""");

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => bed.Harness.Send(new ListVendorUsers(null, 10)));

        error.Message.ShouldBe("Connectel answered GET /api/users without a count.");
    }

    [Fact]
    public async Task List_RowsWithoutLoginOrId_WithoutIdLeftOutWithoutLoginEmptyMatchKey()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        bed.Connectel.Fail(200, when: c => c.Method == "GET", rawBody: """
            { "count": 3, "rows": [
              { "name": "no.id", "email": "noid@example.com", "role": "admin" },
              { "id": 7, "email": "noname@example.com", "role": "admin" },
              { "id": 8, "name": "ann.lee", "email": "ann@example.com", "role": "admin" } ] }
            """);

        var page = await bed.Harness.Send(new ListVendorUsers(null, 10));

        page.Items.Select(u => u.MatchKey).ShouldBe(["", "ann.lee"]);
        page.Items.Select(u => u.VendorId).ShouldBe(["7", "8"]);
    }

    [Fact]
    public async Task List_EmptyPageWhileCountIsHigher_NoFurtherCursor()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        // Users deleted at Connectel between counting and reading: an empty page ends the listing.
        bed.Connectel.Fail(200, when: c => c.Method == "GET", rawBody: """{ "count": 5, "rows": [] }""");

        var page = await bed.Harness.Send(new ListVendorUsers(null, 10));

        page.Items.ShouldBeEmpty();
        page.NextCursor.ShouldBeNull();
    }
}
