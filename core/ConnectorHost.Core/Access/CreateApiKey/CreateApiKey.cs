using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Access.CreateApiKey;

/// <summary>Creates an API key acting with <see cref="Role"/>; the answer is the only place the key is ever shown.</summary>
public sealed record CreateApiKey(string Name, AdminRole Role) : ICommand<CreatedApiKey>;

internal sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator()
    {
        RuleFor(x => x.Name).ValidKeyName();
        RuleFor(x => x.Role).IsInEnum();
    }
}

internal sealed class CreateApiKeyHandler(HostDbContext db, ICurrentActor actor, TimeProvider time) : MediatR.IRequestHandler<CreateApiKey, CreatedApiKey>
{
    public async Task<CreatedApiKey> Handle(CreateApiKey request, CancellationToken cancellationToken)
    {
        var normalized = UsernameKey.Normalize(request.Name);
        if (await db.ApiKeys.AnyAsync(k => k.NormalizedName == normalized, cancellationToken))
        {
            throw new ConflictException($"An API key named '{request.Name.Trim()}' exists already.", [new("name", "Name is already taken.")]);
        }
        var key = ApiKeySecrets.NewKey();
        var stored = Store(db, UsernameKey.Canonical(request.Name), request.Role, key, actor.Name, time.GetUtcNow().UtcDateTime);
        return new CreatedApiKey(ApiKeyDto.From(stored), key);
    }

    public static ApiKey Store(HostDbContext db, string name, AdminRole role, string key, string createdBy, DateTime now)
    {
        var stored = new ApiKey
        {
            Id = Guid.NewGuid(),
            Name = name,
            NormalizedName = UsernameKey.Normalize(name),
            Role = role,
            KeyHash = ApiKeySecrets.Hash(key),
            Prefix = ApiKeySecrets.PrefixOf(key),
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        db.ApiKeys.Add(stored);
        return stored;
    }
}
