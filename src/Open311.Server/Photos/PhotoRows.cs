using System.Data.Common;
using Dapper;

namespace Open311;

// request_photos: one row per kept file.
static class PhotoRows
{
    const string Columns = "id, request_id, created_at, title, public, content_type, file_name, byte_size";

    public static Task<long> InsertAsync(DbConnection c, DbTransaction t, long requestId, StoredFile file, string? title,
        bool isPublic, long now, long? keyId) =>
        c.ExecuteScalarAsync<long>(
            """
            INSERT INTO request_photos (request_id, created_at, title, public, content_type, file_name, byte_size, api_key_id)
            VALUES (@requestId, @now, @title, @isPublic, @contentType, @fileName, @byteSize, @keyId)
            RETURNING id
            """,
            new { requestId, now, title, isPublic, contentType = file.Photo.ContentType, fileName = file.FileName, byteSize = (long)file.Photo.Bytes.Length, keyId }, t);

    public static Task<PhotoRow?> FindAsync(DbConnection c, DbTransaction? t, long requestId, long photoId) =>
        c.QuerySingleOrDefaultAsync<PhotoRow>(
            $"SELECT {Columns} FROM request_photos WHERE id = @photoId AND request_id = @requestId", new { requestId, photoId }, t);

    public static Task DeleteAsync(DbConnection c, DbTransaction t, long photoId) =>
        c.ExecuteAsync("DELETE FROM request_photos WHERE id = @photoId", new { photoId }, t);

    public static async Task<PhotoRow?> FindPublicAsync(Database db, string fileName, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<PhotoRow>(
            $"SELECT {Columns} FROM request_photos WHERE file_name = @fileName AND public = @yes", new { fileName, yes = true });
    }
}
