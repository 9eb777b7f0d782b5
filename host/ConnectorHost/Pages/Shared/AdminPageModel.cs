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

    /// <summary>
    /// A refusal of a post whose handler did not show it at the form (a delete on a stale page, a job that ended
    /// meanwhile): shown after the redirect to the page, instead of the API's problem document.
    /// </summary>
    [TempData]
    public string? Refused { get; set; }

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

    public override void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        // One place for every post: a refusal no handler caught returns to the page with its message.
        if (context.Exception is { } exception && !context.ExceptionHandled && HttpMethods.IsPost(Request.Method) && RefusalOf(exception) is { } refusal)
        {
            Refused = string.Join(" ", [.. refusal.Errors.Select(e => $"{FieldName(e.Field)}: {e.Message}"), .. refusal.Message is null ? [] : new[] { refusal.Message }]);
            // Back to the page as a GET: the query without the post's handler.
            var query = QueryString.Create(Request.Query.Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase)));
            context.Result = Redirect(Request.Path + query);
            context.ExceptionHandled = true;
        }
        base.OnPageHandlerExecuted(context);
    }

    /// <summary>The use case's verdict as messages: field errors at their fields (by key prefix), the rest above the form.</summary>
    protected bool ShowRefusal(Exception exception, string prefix = "")
    {
        if (RefusalOf(exception) is not { } refusal)
        {
            return false;
        }
        foreach (var error in refusal.Errors)
        {
            ModelState.AddModelError(prefix + FieldName(error.Field), error.Message);
        }
        if (refusal.Message is { } message)
        {
            FormErrors.Add(message);
        }
        return true;
    }

    /// <summary>Field errors, or one message, for the exceptions that are a use case's or a vendor's refusal; null for anything else.</summary>
    private static (IReadOnlyList<ConnectorHost.Sdk.Schema.FieldError> Errors, string? Message)? RefusalOf(Exception exception)
    {
        IReadOnlyList<ConnectorHost.Sdk.Schema.FieldError>? errors = exception switch
        {
            ValidationFailedException v => v.Errors,
            ConflictException c => c.Errors,
            _ => null,
        };
        if (errors is { Count: > 0 })
        {
            return (errors, null);
        }
        var message = exception switch
        {
            ConflictException or NotFoundException or VersionMismatchException or ConnectorUnavailableException => exception.Message,
            ConnectorActionFailedException failed => $"{failed.Problem.Title}: {failed.Problem.Detail}",
            ConnectorHost.Sdk.Gateway.VendorException vendor => vendor.Message,
            _ => null,
        };
        return message is null ? null : ([], message);
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
