using System.Text;
using Microsoft.Extensions.Primitives;

namespace Lrs.Api.Xapi;

/// <summary>
/// Communication §1.3 Alternate Request Syntax: a POST whose only query parameter is <c>method</c> carries the
/// intended method there, header values, query parameters and the <c>content</c> as form fields. This rewrites
/// such a request into the request it stands for before routing, so every resource supports the syntax.
/// </summary>
public sealed class AlternateRequestSyntaxMiddleware(RequestDelegate next)
{
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Post, HttpMethods.Delete];

    // The header parameters the spec lets a client send as form fields (Content-Transfer-Encoding excluded).
    private static readonly string[] HeaderFields =
        ["Authorization", XapiHeaders.Version, "Content-Type", "Content-Length", "If-Match", "If-None-Match"];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Query.ContainsKey("method"))
        {
            await next(context);
            return;
        }

        var error = await RewriteAsync(request, context.RequestAborted);
        if (error is not null)
        {
            await XapiProblem.Write(context, StatusCodes.Status400BadRequest, error);
            return;
        }

        await next(context);
    }

    private static async Task<string?> RewriteAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.Query.Count != 1 || request.Query["method"].Count != 1)
        {
            return "With the alternate request syntax, 'method' must be the only query parameter; send the others as form fields (Communication §1.3).";
        }

        var method = Methods.FirstOrDefault(m => m == request.Query["method"].ToString());
        if (method is null)
        {
            return $"The alternate request syntax does not support method '{request.Query["method"]}'; use GET, HEAD, PUT, POST or DELETE.";
        }

        if (!request.HasFormContentType || !request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return "The alternate request syntax needs Content-Type application/x-www-form-urlencoded (Communication §1.3).";
        }

        var form = await request.ReadFormAsync(ct);
        var query = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        string? content = null;
        foreach (var (name, value) in form)
        {
            var header = HeaderFields.FirstOrDefault(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            if (name == "content")
            {
                content = value.ToString();
            }
            else if (header is not null)
            {
                request.Headers[header] = value;
            }
            else
            {
                query[name] = value;
            }
        }

        // The content is a UTF-8 string (§1.3); binary attachments cannot travel this way.
        var body = Encoding.UTF8.GetBytes(content ?? string.Empty);
        request.Method = method;
        request.QueryString = QueryString.Create(query);
        request.Body = new MemoryStream(body);
        request.ContentLength = body.Length;
        if (content is null)
        {
            request.Headers.ContentType = StringValues.Empty;
        }
        else if (!form.ContainsKey("Content-Type"))
        {
            request.Headers.ContentType = "application/json";
        }

        return null;
    }
}
