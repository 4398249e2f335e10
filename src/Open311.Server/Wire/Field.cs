using System.Text.Json;
using System.Text.Json.Serialization;

namespace Open311;

// A field of a body that tells apart what JSON can say: left out, null, a value of the right kind, or a
// value of another kind (a number where text belongs), which the record's check names in its own words.
readonly record struct Field<T>(bool Sent, bool IsNull, T? Value, bool Wrong)
{
    public bool HasValue => Sent && !IsNull && !Wrong;
}

sealed class FieldConverter : JsonConverterFactory
{
    public override bool CanConvert(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Field<>);

    public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Of<>).MakeGenericType(type.GetGenericArguments()[0]))!;

    sealed class Of<T> : JsonConverter<Field<T>>
    {
        public override bool HandleNull => true;

        public override Field<T> Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options)
        {
            var element = JsonElement.ParseValue(ref reader);
            if (element.ValueKind == JsonValueKind.Null) return new(true, true, default, false);
            object? value = typeof(T) switch
            {
                var t when t == typeof(string) => element.ValueKind == JsonValueKind.String ? element.GetString() : null,
                var t when t == typeof(bool) => element.ValueKind is JsonValueKind.True or JsonValueKind.False ? element.GetBoolean() : null,
                var t when t == typeof(int) => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var n) ? n : null,
                // A list of strings: every item must be one, or the whole field is of the wrong kind.
                var t when t == typeof(List<string>) => element.ValueKind == JsonValueKind.Array
                    && element.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String)
                    ? element.EnumerateArray().Select(i => i.GetString()!).ToList() : null,
                _ => throw new NotSupportedException($"Field<{typeof(T).Name}> is not read"),
            };
            return value is T kept ? new(true, false, kept, false) : new(true, false, default, true);
        }

        public override void Write(Utf8JsonWriter writer, Field<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.HasValue ? value.Value : default, options);
    }
}
