-- wrk script: the shared ingest_post.lua load (its path in INGEST_SCRIPT), paced so that CONNECTIONS
-- connections together offer about RATE alerts/s (50 alerts a request): each connection waits before
-- every request. Waiting does not start the clock, so a slow answer lowers the rate offered; the
-- run prints the rate reached beside the latencies.
dofile(os.getenv("INGEST_SCRIPT"))
local rate = tonumber(os.getenv("RATE") or "20000")
local connections = tonumber(os.getenv("CONNECTIONS") or "8")
function delay()
  return math.floor(1000 * connections * 50 / rate)
end
