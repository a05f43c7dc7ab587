-- wrk script for bench/load.py: counts every response that is not a 2xx (wrk's own count lets 3xx pass) and
-- prints one JSON line of figures when done. Optional arguments after `--`: paths to take in turn instead of the
-- URL's. (No request limit: a wrk thread stopped early leaves connections open that a sync worker waits on.)
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
  paths, turn = {}, 0
  for i = 1, #args do
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
  if status < 200 or status > 299 then
    not_ok = not_ok + 1
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
