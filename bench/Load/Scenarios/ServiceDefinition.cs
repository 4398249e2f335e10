namespace Open311.Bench.Load;

// GET /services/{code}: read before each submission; the missed-pickup service has three questions.
sealed class ServiceDefinition : Scenario
{
    public override string Name => "service definition";
    public override string Target => "/open311/v2/services/SWSMISSE.json";
}
