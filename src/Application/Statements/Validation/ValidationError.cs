namespace Lrs.Application.Statements.Validation;

/// <summary>One reason a statement or parameter was rejected: where (e.g. <c>statement.actor.mbox</c>) and what is wrong.</summary>
public sealed record ValidationError(string Path, string Message);
