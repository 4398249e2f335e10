namespace Open311.Bench.Load;

// q with a word in about one request in ten thousand.
sealed class TextSearchRare : Scenario
{
    public override string Name => "q, rare word";
    public override string Target => "/open311/v2/requests.json?q=armadillo";
}
