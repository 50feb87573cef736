// The ceiling: a minimal ASP.NET Core app that answers one route with fixed bytes (the first page of
// /me/media as Pictograph served it), so the benchmark can show how close each scenario gets to what
// Kestrel alone does on this machine.
// Usage: ceiling --body <file> --urls http://127.0.0.1:<port>

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var bodyPath = builder.Configuration["body"] ?? throw new InvalidOperationException("--body <file> is required");
var body = await File.ReadAllBytesAsync(bodyPath).ConfigureAwait(false);

var app = builder.Build();
app.MapGet("/me/media", async context =>
{
    context.Response.ContentType = "application/json; charset=UTF-8";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
});
await app.RunAsync().ConfigureAwait(false);
