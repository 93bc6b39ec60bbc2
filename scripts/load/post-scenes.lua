-- wrk script: POSTs the photos of a folder in turn to /v1/plates as raw image bodies, counts answers by status, stops
-- each thread after PLATES_REQUESTS_PER_THREAD answers when that is set, and prints p50/p95/p99 and the status counts.
--   wrk -t2 -c8 -d20s --timeout 10s -s scripts/load/post-scenes.lua http://127.0.0.1:5080 -- ../shared/datasets/scenes
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local folder = args[1] or "../shared/datasets/scenes"
  bodies = {}
  local list = io.popen('ls "' .. folder .. '"')
  for name in list:lines() do
    if name:lower():match("%.jpe?g$") then
      local file = assert(io.open(folder .. "/" .. name, "rb"))
      table.insert(bodies, file:read("*a"))
      file:close()
    end
  end
  list:close()
  assert(#bodies > 0, "no JPEG photos in " .. folder)
  -- Threads start at different photos so that they do not send the same one at the same time.
  index = id * 17
  limit = tonumber(os.getenv("PLATES_REQUESTS_PER_THREAD") or "0")
  answered = 0
  statuses = {}
end

function request()
  index = index % #bodies + 1
  return wrk.format("POST", "/v1/plates", { ["Content-Type"] = "image/jpeg" }, bodies[index])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  answered = answered + 1
  if limit > 0 and answered >= limit then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do counts[status] = (counts[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(counts) do table.insert(parts, status .. "=" .. n) end
  table.sort(parts)
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f errors=%d statuses=%s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ",")))
end
