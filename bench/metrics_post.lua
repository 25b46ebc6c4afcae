-- wrk script: each request posts 500 metric samples of the standard names over 20 systems to /api/v1/metrics.
-- TOKEN adds a bearer token. Timestamps are the time of sending, so every sample is within the accepted age.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("TOKEN")
if token and #token > 0 then wrk.headers["Authorization"] = "Bearer " .. token end
local names = {"cpu_utilization", "memory_utilization", "disk_utilization", "error_rate", "response_time_p95_ms"}
local n = 0
function request()
  n = n + 1
  local at = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local parts = {}
  for i = 1, 500 do
    local metric = names[(i % #names) + 1]
    local value = metric == "response_time_p95_ms" and (200 + (n + i) % 300) or (((n + i) % 100) / 100)
    parts[i] = string.format('{"system":"svc-%d","component":"host-%d","metric":"%s","value":%s,"timestamp":"%s"}',
      i % 20, i % 7, metric, tostring(value), at)
  end
  return wrk.format(nil, nil, nil, "[" .. table.concat(parts, ",") .. "]")
end
