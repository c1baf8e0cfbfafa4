-- wrk script for the benchmark: an optional JSON body (POST) from BENCH_BODY_FILE, optional
-- paths to visit in turn from BENCH_PATHS_FILE (one per line, starting at a random one so
-- runs don't repeat each other), and one machine-readable summary line at the end (wrk's own
-- report has no 95th percentile).
local body_file = os.getenv("BENCH_BODY_FILE")
if body_file and body_file ~= "" then
  local file = assert(io.open(body_file, "rb"))
  wrk.method = "POST"
  wrk.body = file:read("*a")
  wrk.headers["Content-Type"] = "application/json"
  file:close()
end

local paths_file = os.getenv("BENCH_PATHS_FILE")
if paths_file and paths_file ~= "" then
  local paths = {}
  for line in io.lines(paths_file) do
    paths[#paths + 1] = line
  end
  math.randomseed(os.time())
  local turn = math.random(#paths)
  request = function()
    turn = turn % #paths + 1
    return wrk.format(nil, paths[turn])
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "socket_errors": %d, "bad_status": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean))
end
