using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Plugins;

/// <summary>Contract rules a connector's description must follow before the host loads it; a breach faults the plugin.</summary>
internal static class DescriptionRules
{
    public static string? Problem(ConnectorDescription description)
    {
        var capabilities = description.Manifest.Capabilities;
        // Reconcile pairs core and vendor users only by the projection's match key.
        if (capabilities.HasFlag(ConnectorCapabilities.ListVendorUsers) && !capabilities.HasFlag(ConnectorCapabilities.ProjectUser))
        {
            return "declares ListVendorUsers without ProjectUser: reconcile matches vendor users only by the projection's match key.";
        }
        var runtime = description.Schema.User.Concat(description.Schema.Group).Where(f => f.OptionsFromConnector).ToList();
        if (runtime.Count > 0 && !capabilities.HasFlag(ConnectorCapabilities.ListFieldOptions))
        {
            return $"field '{runtime[0].Key}' takes its options from the connector, but the connector does not declare ListFieldOptions.";
        }
        if (runtime.FirstOrDefault(f => f.Type is not (FieldType.Enum or FieldType.MultiEnum)) is { } wrongType)
        {
            return $"field '{wrongType.Key}' takes its options from the connector, so it must be Enum or MultiEnum (is {wrongType.Type}).";
        }
        return null;
    }
}
