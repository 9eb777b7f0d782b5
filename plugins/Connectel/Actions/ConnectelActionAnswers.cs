using ConnectorHost.Sdk.Requests;

namespace Connectel.Actions;

/// <summary>The problem answers several actions share.</summary>
internal static class ConnectelActionAnswers
{
    public static ActionResult NotAtConnectel(InvokeAction request) =>
        ActionResult.Problem(409, "Not at Connectel yet",
            $"{request.User!.User.DisplayName} has not been pushed to Connectel yet; push the user first.");

    public static ActionResult GoneAtConnectel(InvokeAction request) =>
        ActionResult.Problem(404, "Not found at Connectel",
            $"Connectel no longer has the user of {request.User!.User.DisplayName} (id {request.VendorId}); run a reconcile.");
}
