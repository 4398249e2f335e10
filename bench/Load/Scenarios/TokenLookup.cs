namespace Open311.Bench.Load;

// GET /tokens/{token} with the key that created the request.
sealed class TokenLookup(BenchData data) : Scenario
{
    public override string Name => "token lookup (key)";
    public override string Target => $"/open311/v2/tokens/{data.Token}.json";
    public override bool WithKey => true;
}
