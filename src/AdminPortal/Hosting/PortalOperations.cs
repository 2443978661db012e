using Microsoft.Extensions.DependencyInjection;

namespace Lrs.AdminPortal.Hosting;

/// <summary>
/// Runs one UI operation in a DI scope of its own. The layout and the page of one request initialise concurrently, so
/// handlers over the request's one DbContext would overlap; each operation gets its own instead.
/// </summary>
public sealed class PortalOperations(IServiceScopeFactory scopes)
{
    public async Task<TResult> RunAsync<THandler, TResult>(Func<THandler, Task<TResult>> operation)
        where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<THandler>());
    }
}
