-- wrk script for bench/run: the request path and token come from the environment, and done()
-- prints one machine-readable line: RESULT <req/s> <p50 ms> <p99 ms> <non-2xx> <socket errors>.
wrk.path = os.getenv("BENCH_PATH") or "/"
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
-- BENCH_FRESH=1 asks for freshly computed answers instead of kept ones.
if os.getenv("BENCH_FRESH") == "1" then
  wrk.headers["Cache-Control"] = "no-cache"
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
