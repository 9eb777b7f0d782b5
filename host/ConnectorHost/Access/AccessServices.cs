using ConnectorHost.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationParts;

namespace ConnectorHost.Access;

/// <summary>Registers sign-in, API keys, policies, anti-forgery, allowed hosts and the sign-in pages.</summary>
internal static class AccessServices
{
    /// <summary>Hosts served when <c>AllowedHosts</c> is not configured: loopback only, so DNS rebinding against a local host fails.</summary>
    public const string DefaultAllowedHosts = "localhost;127.0.0.1;[::1]";

    public static IServiceCollection AddAdminAccess(this IServiceCollection services, IConfiguration config)
    {
        var access = config.GetSection("ConnectorHost:Access").Get<AccessOptions>() ?? new AccessOptions();
        services.AddSingleton(access);
        services.AddSingleton<IPasswordHashing, IdentityPasswordHashing>();
        services.AddSingleton<SetupLink>();
        services.AddSingleton<IAuthorizationHandler, AdminAccessHandler>();
        services.AddAuthentication(AccessSchemes.Default)
            .AddPolicyScheme(AccessSchemes.Default, "Sign-in cookie or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith(ApiKeyAuthenticationHandler.Bearer, StringComparison.OrdinalIgnoreCase)
                    ? AccessSchemes.ApiKey
                    : AccessSchemes.Cookie)
            .AddCookie(AccessSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AccessSchemes.ApiKey, null);
        services.AddOptions<CookieAuthenticationOptions>(AccessSchemes.Cookie).Configure<TimeProvider>((o, time) => SessionCookie.Configure(o, access, time));
        services.AddAuthorization(AccessPolicies.Add);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AccessSchemes.AntiforgeryHeader;
            o.Cookie.Name = AccessSchemes.AntiforgeryCookieName;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = access.SecureCookiesOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        // Runs after the web host's own binding of AllowedHosts, so an unset value means loopback, not "any host".
        var allowed = config["AllowedHosts"] is { Length: > 0 } configured ? configured : DefaultAllowedHosts;
        services.PostConfigure<HostFilteringOptions>(o =>
        {
            o.AllowedHosts = allowed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            o.AllowEmptyHosts = false;
        });
        services.AddRazorPages(o =>
        {
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/Setup");
            o.Conventions.AuthorizePage("/SignOut", AccessPolicies.SignedIn);
            // The own password is any signed-in role's; connector pages judge each action themselves (like the API's policy).
            o.Conventions.AuthorizeFolder("/Account", AccessPolicies.SignedIn);
            o.Conventions.AuthorizeFolder("/Connectors", AccessPolicies.SignedIn);
            o.Conventions.AuthorizeFolder("/Admin", AccessPolicies.Administer);
        }).ConfigureApplicationPartManager(parts =>
        {
            // The pages live in the host assembly, which is not the entry assembly when tests or tools start the host.
            var host = typeof(AccessServices).Assembly;
            if (!parts.ApplicationParts.Any(p => p is CompiledRazorAssemblyPart c && c.Assembly == host))
            {
                parts.ApplicationParts.Add(new AssemblyPart(host));
                parts.ApplicationParts.Add(new CompiledRazorAssemblyPart(host));
            }
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en").AddSupportedCultures("en", "de").AddSupportedUICultures("en", "de");
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" }, new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>The middleware, in order: headers on everything, then who is calling, what they may do, and CSRF for cookie writes.</summary>
    public static WebApplication UseAdminAccess(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<ExplorerScriptHash>();
        // The admin UI's stylesheet and script (wwwroot/ui, copied beside the host): public, like /access.css.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot", "ui")),
            RequestPath = "/ui",
        });
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<CookieWriteProtection>();
        return app;
    }
}
