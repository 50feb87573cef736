-- wrk script for bench/run: the request path and token come from the environment, and done()
-- prints one machine-readable line: RESULT <req/s> <p50 ms> <p99 ms> <non-2xx> <socket errors>.
-- With BENCH_WRITE_PATH set, every BENCH_WRITE_EVERY-th request of a connection (1: all of them) is a
-- form POST of BENCH_WRITE_BODY (a counter appended, so no two are alike) with BENCH_WRITE_TOKEN.
wrk.path = os.getenv("BENCH_PATH") or "/"
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
-- BENCH_FRESH=1 asks for freshly computed answers instead of kept ones.
if os.getenv("BENCH_FRESH") == "1" then
  wrk.headers["Cache-Control"] = "no-cache"
end

-- Each thread gets its own number (wrk's setup runs once per thread in the main state) for the write bodies.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tag", threads)
end

local write_path = os.getenv("BENCH_WRITE_PATH")
if write_path and write_path ~= "" then
  local every = tonumber(os.getenv("BENCH_WRITE_EVERY") or "1")
  local body = os.getenv("BENCH_WRITE_BODY") or ""
  local write_headers = {
    ["Authorization"] = "Bearer " .. (os.getenv("BENCH_WRITE_TOKEN") or ""),
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  local n = 0
  request = function()
    n = n + 1
    if n % every == 0 then
      return wrk.format("POST", write_path, write_headers, body .. "+" .. (tag or 0) .. "-" .. n)
    end
    return wrk.format(nil, wrk.path)
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
