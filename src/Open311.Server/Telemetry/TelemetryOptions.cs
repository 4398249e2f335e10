using System.ComponentModel.DataAnnotations;

namespace Open311;

// Open311:Metrics: who may read /metrics (CIDR networks or addresses; empty: anyone who reaches the server).
sealed class MetricsOptions
{
    public string[] AllowedNetworks { get; set; } = [];
}

// Open311:Logging: "text" (the console's plain lines, the default) or "json" (one JSON object a line).
sealed class LogFormatOptions
{
    [RegularExpression("^(text|json)$", ErrorMessage = "Open311:Logging:Format must be text or json")]
    public string Format { get; set; } = "text";
}
