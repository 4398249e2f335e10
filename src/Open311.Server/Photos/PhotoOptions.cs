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

    // Larger images are refused from their header, before any pixel is decoded, so a small file can't expand into
    // hundreds of megabytes. 24 MP takes any phone's default photo (12 MP, 4032 × 3024) with room to spare.
    [Range(1, 500_000_000)]
    public long MaxPixels { get; set; } = 24_000_000;

    // The longest side of a kept photo: larger ones are scaled down, by the decoder itself where it can (JPEG and WebP
    // decode straight to 1/2, 1/4 or 1/8 of their size), so they also cost less memory while they are read.
    [Range(64, 20_000)]
    public int MaxEdge { get; set; } = 2560;

    // How many photos the process decodes at once; more wait their turn. Each decode holds up to
    // MaxPixels × 4 bytes for a moment, so this bounds the memory photos can take together.
    [Range(1, 64)]
    public int MaxConcurrentDecodes { get; set; } = 2;
}
