using Lrs.Application.Security;
using Lrs.Application.Tenancy;
using Lrs.Domain.Tenancy;
using NSubstitute;

namespace Lrs.Application.Tests.Security;

public sealed class AuthenticateCallerTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    private static (AuthenticateCaller Handler, ITenancyStore Store, TaskCompletionSource<Credential?> Lookup) Create()
    {
        var store = Substitute.For<ITenancyStore>();
        var lookup = new TaskCompletionSource<Credential?>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.FindCredentialAsync("key", Arg.Any<CancellationToken>()).Returns(_ => lookup.Task);
        return (new AuthenticateCaller(store, new XapiAuthOptions(), new VerifiedCredentials(), TimeProvider.System), store, lookup);
    }

    private static Credential Issued(string secret) =>
        Credential.Issue(Tenant, "key", "client", SecretHasher.Hash(secret), XapiScope.All, DateTimeOffset.UtcNow);

    [Fact]
    public async Task HandleAsync_ManyConcurrentRequestsWithOneUncachedCredential_LookUpAndHashOnce()
    {
        var (handler, store, lookup) = Create();
        var callers = Enumerable.Range(0, 50).Select(_ => handler.HandleAsync("key", "s3cret", CancellationToken.None)).ToArray();

        lookup.SetResult(Issued("s3cret"));
        var results = await Task.WhenAll(callers);

        Assert.All(results, r => Assert.Equal(Tenant, r!.TenantId));
        await store.Received(1).FindCredentialAsync("key", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task HandleAsync_WrongSecret_IsCheckedEveryTimeWhileSuccessIsCached()
    {
        var (handler, store, lookup) = Create();
        lookup.SetResult(Issued("s3cret"));

        Assert.Null(await handler.HandleAsync("key", "wrong", CancellationToken.None));
        Assert.Null(await handler.HandleAsync("key", "wrong", CancellationToken.None));
        Assert.NotNull(await handler.HandleAsync("key", "s3cret", CancellationToken.None));
        Assert.NotNull(await handler.HandleAsync("key", "s3cret", CancellationToken.None));

        // Failures are not cached (each wrong secret is checked), successes are.
        await store.Received(3).FindCredentialAsync("key", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task HandleAsync_CallerCancelsWhileOthersWait_OthersStillAuthenticated()
    {
        var (handler, _, lookup) = Create();
        using var cancel = new CancellationTokenSource();
        var cancelled = handler.HandleAsync("key", "s3cret", cancel.Token);
        var waiting = handler.HandleAsync("key", "s3cret", CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        lookup.SetResult(Issued("s3cret"));

        Assert.Equal(Tenant, (await waiting)!.TenantId);
    }
}
