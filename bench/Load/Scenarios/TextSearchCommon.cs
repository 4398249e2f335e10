namespace Open311.Bench.Load;

// q with a word in about one request in seven: many matches, only the newest 50 wanted. p99 under 25 ms is the goal.
sealed class TextSearchCommon : Scenario
{
    public override string Name => "q, common word";
    public override string Target => "/open311/v2/requests.json?q=pothole";
}
