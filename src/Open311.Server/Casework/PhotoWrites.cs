using System.Data.Common;
using Dapper;

namespace Open311;

// The writes of request_photos (its table and reads are Photos/PhotoRows'), for Casework's creation and its photo
// operations alone.
static class PhotoWrites
{
    public static Task<long> InsertAsync(DbConnection c, DbTransaction t, long requestId, StoredFile file, string? title,
        bool isPublic, long now, long? keyId) =>
        c.ExecuteScalarAsync<long>(PhotoRow.Table.InsertSql(returning: "id"), PhotoRow.Table.Parameters(new PhotoRow
        {
            RequestId = requestId, CreatedAt = now, Title = title, Public = isPublic, ContentType = file.Photo.ContentType,
            FileName = file.FileName, ByteSize = file.Photo.Bytes.Length, ApiKeyId = keyId,
        }), t);

    public static Task DeleteAsync(DbConnection c, DbTransaction t, long photoId) =>
        c.ExecuteAsync("DELETE FROM request_photos WHERE id = @photoId", new { photoId }, t);
}
