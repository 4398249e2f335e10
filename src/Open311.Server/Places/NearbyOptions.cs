using System.ComponentModel.DataAnnotations;

namespace Open311;

// Open311:Nearby: how near counts as "already reported" (CONTRACT §10).
sealed class NearbyOptions
{
    [Range(1, 10_000)] public double Metres { get; set; } = 50;
}
