-- wrk script for bench/load.py: counts every response that is not a 2xx (wrk's own count lets 3xx pass) and
-- prints one JSON line of figures when done. Optional arguments after `--`: a request limit per thread (0: none,
-- the run lasts its duration) and paths to take in turn instead of the URL's.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  answered, not_ok = 0, 0
  limit = tonumber(args[1]) or 0
  paths, turn = {}, 0
  for i = 2, #args do
    table.insert(paths, args[i])
  end
end

function request()
  if #paths == 0 then
    return wrk.request()
  end
  turn = turn % #paths + 1
  return wrk.format(nil, paths[turn])
end

function response(status, headers, body)
  answered = answered + 1
  if status < 200 or status > 299 then
    not_ok = not_ok + 1
  end
  if limit > 0 and answered >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local not_ok_total = 0
  for _, thread in ipairs(threads) do
    not_ok_total = not_ok_total + thread:get("not_ok")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p99_ms": %.2f, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    not_ok_total, errors.connect + errors.read + errors.write + errors.timeout
  ))
end
