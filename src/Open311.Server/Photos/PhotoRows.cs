using System.Data.Common;
using Dapper;

namespace Open311;

// request_photos: one row per kept file.
sealed class PhotoRow
{
    public long Id { get; init; }
    public long RequestId { get; init; }
    public long CreatedAt { get; init; }
    public string? Title { get; init; }
    public bool Public { get; init; }
    public string ContentType { get; init; } = "";
    public string FileName { get; init; } = "";
    public long ByteSize { get; init; }
    public long? ApiKeyId { get; init; }

    public static readonly Table<PhotoRow> Table = new("request_photos", "id",
        Col.BigInt<PhotoRow>("id", p => p.Id),
        Col.BigInt<PhotoRow>("request_id", p => p.RequestId),
        Col.BigInt<PhotoRow>("created_at", p => p.CreatedAt),
        Col.Text<PhotoRow>("title", p => p.Title),
        Col.Bool<PhotoRow>("public", p => p.Public),
        Col.Text<PhotoRow>("content_type", p => p.ContentType),
        Col.Text<PhotoRow>("file_name", p => p.FileName),
        Col.BigInt<PhotoRow>("byte_size", p => p.ByteSize),
        Col.BigInt<PhotoRow>("api_key_id", p => p.ApiKeyId));
}

static class PhotoRows
{
    static readonly string Columns = PhotoRow.Table.AllColumns();

    public static Task<PhotoRow?> FindAsync(DbConnection c, DbTransaction? t, long requestId, long photoId) =>
        c.QuerySingleOrDefaultAsync<PhotoRow>(
            $"SELECT {Columns} FROM request_photos WHERE id = @photoId AND request_id = @requestId", new { requestId, photoId }, t);

    public static async Task<PhotoRow?> FindPublicAsync(Database db, string fileName, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<PhotoRow>(
            $"SELECT {Columns} FROM request_photos WHERE file_name = @fileName AND public = @yes", new { fileName, yes = true });
    }
}
