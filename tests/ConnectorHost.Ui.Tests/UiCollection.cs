namespace ConnectorHost.Ui.Tests;

/// <summary>Every browser test shares one host and one Chromium (start-up is the slow part on CI's two cores).</summary>
[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiHost>
{
    public const string Name = "ui";
}
