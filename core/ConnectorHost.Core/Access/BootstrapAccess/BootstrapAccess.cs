using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Access.BootstrapAccess;

/// <summary>
/// Start-up access from the environment: <see cref="AdminPassword"/> creates the account <c>admin</c> when no admin
/// account exists; <see cref="BootstrapKey"/> creates or refreshes the administrator key named <c>bootstrap</c> with
/// exactly that value (un-revoking it). Answers whether an admin account exists afterwards.
/// </summary>
public sealed record BootstrapAccess(string? AdminPassword, string? BootstrapKey) : ICommand<bool>
{
    public const string AdminUsername = "admin";
    public const string BootstrapKeyName = "bootstrap";
    public const int MinKeyLength = 16;

    public override string ToString() => $"BootstrapAccess {{ AdminPassword = {(AdminPassword is null ? "none" : "set")}, BootstrapKey = {(BootstrapKey is null ? "none" : "set")} }}";
}

internal sealed class BootstrapAccessValidator : AbstractValidator<BootstrapAccess>
{
    public BootstrapAccessValidator()
    {
        RuleFor(x => x.AdminPassword).ValidPassword().When(x => x.AdminPassword is not null).OverridePropertyName("CONNECTORHOST_ADMIN_PASSWORD");
        RuleFor(x => x.BootstrapKey).MinimumLength(BootstrapAccess.MinKeyLength).When(x => x.BootstrapKey is not null)
            .WithMessage($"The bootstrap API key must have at least {BootstrapAccess.MinKeyLength} characters.")
            .OverridePropertyName("CONNECTORHOST_BOOTSTRAP_API_KEY");
    }
}

internal sealed class BootstrapAccessHandler(HostDbContext db, IPasswordHashing hashing, TimeProvider time) : MediatR.IRequestHandler<BootstrapAccess, bool>
{
    public async Task<bool> Handle(BootstrapAccess request, CancellationToken cancellationToken)
    {
        if (await NothingToDoAsync(request, cancellationToken) is { } existing)
        {
            return existing;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var hasAccount = await db.AdminAccounts.AnyAsync(cancellationToken);
        if (!hasAccount && request.AdminPassword is { } password)
        {
            db.AdminAccounts.Add(new AdminAccount
            {
                Id = Guid.NewGuid(),
                Username = BootstrapAccess.AdminUsername,
                NormalizedUsername = UsernameKey.Normalize(BootstrapAccess.AdminUsername),
                PasswordHash = hashing.Hash(password),
                Role = AdminRole.Administrator,
                CreatedAt = now,
                SecurityStamp = CreateAdminAccount.CreateAdminAccountHandler.NewStamp(),
            });
            hasAccount = true;
        }
        if (request.BootstrapKey is { } value)
        {
            var normalized = UsernameKey.Normalize(BootstrapAccess.BootstrapKeyName);
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.NormalizedName == normalized, cancellationToken);
            var hash = ApiKeySecrets.Hash(value);
            if (key is null)
            {
                CreateApiKey.CreateApiKeyHandler.Store(db, BootstrapAccess.BootstrapKeyName, AdminRole.Administrator, value, "environment", now);
            }
            else if (key.KeyHash != hash || key.RevokedAt is not null || key.Role != AdminRole.Administrator)
            {
                key.KeyHash = hash;
                key.Prefix = ApiKeySecrets.PrefixOf(value);
                key.Role = AdminRole.Administrator;
                key.RevokedAt = null;
            }
        }
        return hasAccount;
    }

    /// <summary>
    /// Whether an admin account exists, when the environment's account and key are already in place (the usual restart);
    /// null when something is to be written. Plain SQL, so EF Core's query compilation stays off the host's start path.
    /// </summary>
    private Task<bool?> NothingToDoAsync(BootstrapAccess request, CancellationToken cancellationToken) =>
        PlainSql.ReadRowAsync(db, command =>
        {
            var name = PlainSql.AddParameter(command, UsernameKey.Normalize(BootstrapAccess.BootstrapKeyName));
            var hash = PlainSql.AddParameter(command, request.BootstrapKey is { } key ? ApiKeySecrets.Hash(key) : "");
            var role = PlainSql.AddParameter(command, nameof(AdminRole.Administrator));
            command.CommandText = $"""
                SELECT EXISTS (SELECT 1 FROM "AdminAccounts"),
                       EXISTS (SELECT 1 FROM "ApiKeys" WHERE "NormalizedName" = {name} AND "KeyHash" = {hash} AND "RevokedAt" IS NULL AND "Role" = {role});
                """;
        }, reader =>
        {
            var hasAccount = reader.GetInt64(0) != 0;
            var keyInPlace = request.BootstrapKey is null || reader.GetInt64(1) != 0;
            return (hasAccount || request.AdminPassword is null) && keyInPlace ? hasAccount : (bool?)null;
        }, cancellationToken);
}
