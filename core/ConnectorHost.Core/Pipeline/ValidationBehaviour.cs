using ConnectorHost.Sdk.Schema;
using FluentValidation;
using MediatR;

namespace ConnectorHost.Core.Pipeline;

/// <summary>Runs every validator of the request and reports all field errors at once.</summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var errors = await ErrorsAsync(validators, request, cancellationToken);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
        return await next();
    }

    /// <summary>The request's field errors as the pipeline reports them (a bulk import checks rows with this, not with a copy of the rules).</summary>
    internal static async Task<List<FieldError>> ErrorsAsync(IEnumerable<IValidator<TRequest>> validators, TRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            errors.AddRange(result.Errors.Select(e => new FieldError(FieldName(e.PropertyName), e.ErrorMessage) { Code = CodeOf(e.ErrorCode) }));
        }
        return errors;
    }

    // FluentValidation's validator names mapped onto the SDK's codes, so core and connector errors read alike.
    private static string CodeOf(string? validator) => validator switch
    {
        "NotEmptyValidator" or "NotNullValidator" => FieldErrorCodes.Required,
        "MaximumLengthValidator" => FieldErrorCodes.TooLong,
        "MinimumLengthValidator" => FieldErrorCodes.TooShort,
        "RegularExpressionValidator" or "EmailValidator" => FieldErrorCodes.Format,
        "InclusiveBetweenValidator" or "ExclusiveBetweenValidator" or "LessThanOrEqualValidator" or "GreaterThanOrEqualValidator"
            or "LessThanValidator" or "GreaterThanValidator" => FieldErrorCodes.OutOfRange,
        _ => FieldErrorCodes.Invalid,
    };

    // Field names as they appear in the JSON body (camelCase), e.g. "phoneNumbers[1]".
    private static string FieldName(string property) =>
        string.Join('.', property.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
