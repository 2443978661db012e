namespace Lrs.Infrastructure.Idempotency;

internal static class IdempotencySql
{
    public const string Claim = """
        INSERT INTO idempotency_keys (tenant_id, idempotency_key, method, path, request_hash, created)
        VALUES (@tenant, @Key, @Method, @Path, @RequestHash, @now)
        ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
        """;

    public const string Find = """
        SELECT method AS Method, path AS Path, request_hash AS RequestHash, status AS Status, content_type AS ContentType,
               response_body AS Body, created AS Created
        FROM idempotency_keys WHERE tenant_id = @tenant AND idempotency_key = @key
        """;

    public const string Complete = """
        UPDATE idempotency_keys SET status = @Status, content_type = @ContentType, response_body = @Body
        WHERE tenant_id = @tenant AND idempotency_key = @key AND request_hash = @hash
        """;

    public const string Release = "DELETE FROM idempotency_keys WHERE tenant_id = @tenant AND idempotency_key = @key";
}
