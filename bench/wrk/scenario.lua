-- One script for every scenario. With BENCH_BODY set, each call is a POST of that form body with a
-- number on the end, so that no two created requests are alike. When the run is done, one line with
-- the numbers the runner reads.
local body = os.getenv("BENCH_BODY")
local counter = 0
local prefix = tostring(os.time())

if body then
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  request = function()
    counter = counter + 1
    return wrk.format(nil, nil, nil, body .. prefix .. "-" .. counter)
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p99_us":%d,"non2xx":%d,"errors":%d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
