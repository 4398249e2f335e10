using System.ComponentModel.DataAnnotations;

namespace Open311;

// Open311:Storage: which engine keeps the data, and where.
sealed class StorageOptions
{
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Open311:Storage:Engine must be sqlite or postgres.")]
    public string Engine { get; set; } = "sqlite";

    public string ConnectionString { get; set; } = "Data Source=open311.db";
}
