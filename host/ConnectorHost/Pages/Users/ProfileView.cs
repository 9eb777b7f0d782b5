namespace ConnectorHost.Pages.Users;

/// <summary>What the profile partial needs: the form, the choices, errors by field, and whether the username can be typed.</summary>
internal sealed record ProfileView(UserForm Form, MembershipChoices Choices, Func<string, string?> ErrorAt, bool New);
