using System.ComponentModel.DataAnnotations;

namespace Open311;

// Bound from "Open311:Photos" (environment: Open311__Photos__Folder, Open311__Photos__MaxBytes).
sealed class PhotoOptions
{
    // Where photo files are kept; empty means a "photos" folder next to the SQLite file
    // (or in the working directory when the store is not a file).
    public string? Folder { get; set; }

    // The largest photo file taken, before it is cleaned.
    [Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    // How many photos one upload may carry.
    [Range(1, 100)]
    public int MaxPerUpload { get; set; } = 5;

    // Larger images are refused before decoding, so a small file can't expand into gigabytes of pixels.
    [Range(1, 500_000_000)]
    public long MaxPixels { get; set; } = 50_000_000;
}
