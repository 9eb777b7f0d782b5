using ConnectorHost.Core.Users.CreateUser;
using ConnectorHost.Pages.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Users;

/// <summary>Creates a user (the CreateUser use case validates), then its memberships; connector tabs follow on the edit page.</summary>
internal sealed class NewModel(IMediator mediator) : AdminPageModel
{
    [BindProperty]
    public UserForm Form { get; set; } = new();

    public MembershipChoices Choices { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken ct) => Choices = await MembershipChoices.LoadAsync(mediator, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var f = Form;
            var user = await mediator.Send(new CreateUser(f.Username ?? "", f.FirstName ?? "", f.LastName ?? "", UserForm.Blank(f.DisplayName),
                UserForm.Blank(f.Email), f.PhoneList, UserForm.Blank(f.Extension), UserForm.Blank(f.Language), UserForm.Blank(f.TimeZone), f.Enabled), ct);
            await MembershipChoices.ApplyAsync(mediator, user.Id, [], f.GroupIds, [], f.RoleIds, ct);
            Flash = Text.Created;
            return Redirect($"/users/{user.Id}");
        }
        catch (Exception ex) when (ShowRefusal(ex))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            FormErrors.Insert(0, Text.FixErrors);
            Choices = await MembershipChoices.LoadAsync(mediator, ct);
            return Page();
        }
    }
}
