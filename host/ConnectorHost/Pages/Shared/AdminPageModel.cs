using System.Text.Json.Nodes;
using ConnectorHost.Access;
using ConnectorHost.Core;
using ConnectorHost.Core.Domain;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConnectorHost.Pages.Shared;

/// <summary>
/// What every admin page shares: the words, whether the signed-in role may change things (the server refuses anyway;
/// this only hides the save buttons), the language switch, and turning the use cases' refusals into messages at the fields.
/// </summary>
internal abstract class AdminPageModel : PageModel
{
    public UiText Text => UiText.Current;

    /// <summary>Operators and administrators may save; read-only admins see the same forms without save buttons.</summary>
    public bool CanChange => AccessClaims.RoleOf(User) >= AdminRole.Operator;

    public bool IsAdministrator => AccessClaims.RoleOf(User) == AdminRole.Administrator;

    /// <summary>A one-line confirmation shown after a redirect (post/redirect/get).</summary>
    [TempData]
    public string? Flash { get; set; }

    /// <summary>Messages that belong to no field on the form.</summary>
    public List<string> FormErrors { get; } = [];

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        // ?lang=de switches the language for the rest of the session (the sign-in pages take ?lang too).
        if (Request.Query.TryGetValue("lang", out var lang) && lang.ToString() is "en" or "de")
        {
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(lang.ToString())),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, Secure = Request.IsHttps });
        }
        base.OnPageHandlerExecuting(context);
    }

    /// <summary>The use case's verdict as messages: field errors at their fields (by key prefix), the rest above the form.</summary>
    protected bool ShowRefusal(Exception exception, string prefix = "")
    {
        IReadOnlyList<ConnectorHost.Sdk.Schema.FieldError>? errors = exception switch
        {
            ValidationFailedException v => v.Errors,
            ConflictException c => c.Errors,
            _ => null,
        };
        if (errors is { Count: > 0 })
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError(prefix + FieldName(error.Field), error.Message);
            }
            return true;
        }
        var message = exception switch
        {
            ConflictException or NotFoundException or VersionMismatchException or ConnectorUnavailableException => exception.Message,
            ConnectorActionFailedException failed => $"{failed.Problem.Title}: {failed.Problem.Detail}",
            ConnectorHost.Sdk.Gateway.VendorException vendor => vendor.Message,
            _ => null,
        };
        if (message is null)
        {
            return false;
        }
        FormErrors.Add(message);
        return true;
    }

    /// <summary>"settings.badge" and "phoneNumbers[0]" are shown at "badge" and "phoneNumbers".</summary>
    public static string FieldName(string field)
    {
        var name = field.StartsWith("settings.", StringComparison.Ordinal) ? field["settings.".Length..] : field;
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        return bracket > 0 ? name[..bracket] : name;
    }

    /// <summary>The first error at <paramref name="key"/>, for the field's message line.</summary>
    public string? ErrorAt(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public static string Pretty(JsonNode? node) => node?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "";
}
