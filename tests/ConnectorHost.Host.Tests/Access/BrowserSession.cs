using System.Net;
using System.Text.RegularExpressions;

namespace ConnectorHost.Host.Tests.Access;

/// <summary>A browser-like client of a test host: keeps cookies, follows no redirects, fills in the pages' anti-forgery field.</summary>
internal sealed partial class BrowserSession : IDisposable
{
    private readonly CookieContainer _cookies = new();

    public BrowserSession(Uri baseAddress)
    {
        Client = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public HttpClient Client { get; }

    /// <summary>The Set-Cookie headers of the last sign-in answer.</summary>
    public IReadOnlyList<string> SignInCookies { get; private set; } = [];

    /// <summary>GETs a page and posts its form with <paramref name="fields"/> and the page's own anti-forgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pagePath, IReadOnlyDictionary<string, string> fields)
    {
        var page = await Client.GetStringAsync(pagePath);
        var token = AntiforgeryField().Match(page);
        token.Success.ShouldBeTrue($"{pagePath} has no anti-forgery field:\n{page}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await Client.PostAsync(pagePath, new FormUrlEncodedContent(form));
    }

    public async Task<HttpResponseMessage> SignInAsync(string username, string password)
    {
        var response = await SubmitAsync("/signin", new Dictionary<string, string> { ["username"] = username, ["password"] = password });
        SignInCookies = response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.ToList() : [];
        return response;
    }

    /// <summary>The anti-forgery token a cookie client sends with changes (from GET /api/me).</summary>
    public async Task<string> AntiforgeryTokenAsync()
    {
        var me = await (await Client.GetAsync("/api/me")).ReadObjectAsync();
        return me["antiforgeryToken"]!.GetValue<string>();
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
