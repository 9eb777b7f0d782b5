using ConnectorHost.Core.Groups.CreateGroup;
using ConnectorHost.Core.Memberships.GroupMembership;
using ConnectorHost.Core.Users.CreateUser;
using ConnectorHost.Core.Users.DeleteUser;
using ConnectorHost.Core.Users.UpdateUser;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Tests;

public sealed class UseCaseTests
{
    [Fact]
    public async Task CreateUser_NationalPhoneNumber_StoredAsE164WithDefaultRegion()
    {
        await using var core = await CoreFixture.StartAsync();

        var user = await core.SendAsync(new CreateUser("lena", "Lena", "Park", PhoneNumbers: ["0049 30 1234567", "(030) 1234567", "+1 650 253 0000"]));

        user.PhoneNumbers.ShouldBe(["+49301234567", "+16502530000"]);
    }

    [Fact]
    public async Task CreateUser_Invalid_ThrowsWithEveryFieldAndWritesNoAudit()
    {
        await using var core = await CoreFixture.StartAsync();

        var error = await Should.ThrowAsync<ValidationFailedException>(() => core.SendAsync(new CreateUser("", "", "", Email: "x", TimeZone: "Nowhere")));

        error.Errors.Select(e => e.Field).ShouldBe(["username", "email", "timeZone"], ignoreOrder: true);
        (await core.QueryAsync(db => db.AuditEntries.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task CreateUser_UnpairedSurrogateInUsername_ThrowsValidationNamingUsername()
    {
        await using var core = await CoreFixture.StartAsync();

        // Such text has no NFC form; it must be refused as input, not crash the uniqueness check.
        var error = await Should.ThrowAsync<ValidationFailedException>(() => core.SendAsync(new CreateUser("ab\ud800", "A", "B")));

        error.Errors.Select(e => e.Field).ShouldBe(["username"]);
    }

    [Fact]
    public async Task UpdateUser_AuditEntry_HoldsBeforeAndAfterWithActor()
    {
        await using var core = await CoreFixture.StartAsync();
        var user = await core.SendAsync(new CreateUser("max", "Max", "Before"));

        var updated = await core.SendAsync(new UpdateUser(user.Id, 1, "Max", "After"));

        updated.Version.ShouldBe(2);
        var audit = await core.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == "User" && a.Action == "updated").SingleAsync());
        audit.Actor.ShouldBe("core-test");
        audit.Before!.ShouldContain("\"lastName\":\"Before\"");
        audit.After!.ShouldContain("\"lastName\":\"After\"");
    }

    [Fact]
    public async Task UpdateUser_StaleVersion_ThrowsVersionMismatchAndKeepsData()
    {
        await using var core = await CoreFixture.StartAsync();
        var user = await core.SendAsync(new CreateUser("nora", "Nora", "One"));
        await core.SendAsync(new UpdateUser(user.Id, 1, "Nora", "Two"));

        await Should.ThrowAsync<VersionMismatchException>(() => core.SendAsync(new UpdateUser(user.Id, 1, "Nora", "Stale")));

        (await core.QueryAsync(db => db.Users.SingleAsync())).LastName.ShouldBe("Two");
    }

    [Fact]
    public async Task DeleteUser_WithMemberships_RemovesMembershipsToo()
    {
        await using var core = await CoreFixture.StartAsync();
        var user = await core.SendAsync(new CreateUser("omar", "Omar", "K"));
        var group = await core.SendAsync(new CreateGroup("ops", "Operations"));
        await core.SendAsync(new AddUserToGroup(user.Id, group.Id));

        await core.SendAsync(new DeleteUser(user.Id, null));

        (await core.QueryAsync(db => db.UserGroups.CountAsync())).ShouldBe(0);
        (await core.QueryAsync(db => db.Groups.CountAsync())).ShouldBe(1);
    }
}
