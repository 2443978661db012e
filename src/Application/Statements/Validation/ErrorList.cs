namespace Lrs.Application.Statements.Validation;

/// <summary>Collects errors during one walk; allocates nothing while the input is valid.</summary>
internal sealed class ErrorList
{
    private List<ValidationError>? errors;

    public int Count => errors?.Count ?? 0;

    public void Add(string path, string message) => (errors ??= []).Add(new ValidationError(path, message));

    public void Add(string path, string key, string message) => Add(path + "." + key, message);

    public IReadOnlyList<ValidationError> ToReadOnly() => errors is null ? [] : errors;
}
