namespace Open311;

// GET /tokens/{token}: [{service_request_id, token}].
sealed record TokenWire(string ServiceRequestId, string Token);
