namespace Open311;

// Refuses a call that presented a key we can't accept: 403 for an unknown or revoked key,
// 400 for two different keys, on any call (CONTRACT §7). Runs after the rate limiter counted it.
sealed class KeyEnforcement(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Caller().Problem is not { } problem) return next(context);
        return Refusals.WriteAsync(context, problem.Code, problem.Description);
    }
}
