namespace ConnectorHost.Access;

/// <summary>The sign-in pages' stylesheet, served from /access.css (the CSP allows no inline style).</summary>
internal static class AccessStyles
{
    public const string Path = "/access.css";

    public const string Css = """
        :root { color-scheme: light; --accent: #1f5fbf; --text: #1d2330; --muted: #5b6475; --line: #d5dae3; --bad: #b3261e; }
        * { box-sizing: border-box; }
        body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; background: #f3f5f9;
               font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); }
        main { width: min(400px, 100% - 2rem); background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 2rem;
               box-shadow: 0 4px 18px rgba(20, 30, 60, .06); }
        .brand { font-weight: 700; letter-spacing: .02em; color: var(--accent); margin: 0 0 .25rem; }
        h1 { font-size: 1.4rem; margin: 0 0 1.25rem; }
        label { display: block; font-weight: 600; margin: 1rem 0 .3rem; }
        input[type=text], input[type=password] { width: 100%; padding: .6rem .7rem; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
        input:focus { outline: 2px solid var(--accent); outline-offset: 1px; border-color: var(--accent); }
        button { margin-top: 1.5rem; width: 100%; padding: .7rem; border: 0; border-radius: 6px; background: var(--accent); color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
        button:hover { background: #174a96; }
        .error { color: var(--bad); background: #fdecea; border-radius: 6px; padding: .6rem .8rem; margin: 0 0 1rem; }
        .hint { color: var(--muted); font-size: .875rem; margin: 1rem 0 0; }
        nav.lang { text-align: right; font-size: .875rem; margin: -1rem -1rem 0 0; }
        nav.lang a { color: var(--muted); margin-left: .5rem; }
        """;
}
