-- Shared by the wrk scripts of bench/run (each scenario script starts with
-- dofile of this file). It sets the Hotel Manager's token from TOKEN, reads
-- the id lists bench/generate.mjs wrote to BENCH_DATA, counts the answers of
-- every request by class, and prints them in done() as one line bench/run
-- parses:
--   BENCH-STATUS ok=N no_availability=N other_4xx=N server_5xx=N sample=<first failure>
-- wrk's own "Non-2xx" figure cannot tell a 409 no_availability (an expected
-- answer of a booking on a busy night) from a real failure.
local token = os.getenv("TOKEN")
if token == nil or token == "" then
  error("TOKEN is not set: export an access token (bench/run does this)")
end
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"

bench = {}

function bench.lines(name)
  local dir = os.getenv("BENCH_DATA")
  if dir == nil or dir == "" then error("BENCH_DATA is not set (bench/run sets it)") end
  local out = {}
  local f = assert(io.open(dir .. "/" .. name, "r"))
  for line in f:lines() do
    if line ~= "" then out[#out + 1] = line end
  end
  f:close()
  if #out == 0 then error(dir .. "/" .. name .. " is empty") end
  return out
end

function bench.words(line)
  local out = {}
  for w in line:gmatch("%S+") do out[#out + 1] = w end
  return out
end

-- The days from BENCH_FROM (YYYY-MM-DD) on, as date strings: index 1 is
-- BENCH_FROM. os.time normalises day overflow; noon keeps DST away.
function bench.days(count)
  local from = os.getenv("BENCH_FROM") or "2027-01-01"
  local y, m, d = from:match("^(%d+)-(%d+)-(%d+)$")
  local out = {}
  for i = 0, count - 1 do
    local t = os.time({ year = tonumber(y), month = tonumber(m), day = tonumber(d) + i, hour = 12 })
    out[i + 1] = os.date("%Y-%m-%d", t)
  end
  return out
end

local threads = {}
local counters = { "ok", "no_availability", "other_4xx", "server_5xx" }

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_number", #threads)
end

-- Runs in each thread's own Lua state; bench.init (if the scenario has one)
-- loads its lists there.
function init(args)
  ok, no_availability, other_4xx, server_5xx, sample = 0, 0, 0, 0, ""
  math.randomseed(os.time() * 100 + (thread_number or 0))
  for _ = 1, 10 do math.random() end
  if bench.init then bench.init(args) end
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
    return
  end
  if status == 409 and body and body:find('"no_availability"', 1, true) then
    no_availability = no_availability + 1
    return
  end
  if status >= 500 then server_5xx = server_5xx + 1 else other_4xx = other_4xx + 1 end
  if sample == "" then
    sample = tostring(status) .. " " .. ((body or ""):sub(1, 160):gsub("[%c]", " "))
  end
end

function done(summary, latency, requests)
  local totals = { ok = 0, no_availability = 0, other_4xx = 0, server_5xx = 0 }
  local first = ""
  for _, t in ipairs(threads) do
    for _, k in ipairs(counters) do totals[k] = totals[k] + (t:get(k) or 0) end
    if first == "" then first = t:get("sample") or "" end
  end
  io.write(string.format("BENCH-STATUS ok=%d no_availability=%d other_4xx=%d server_5xx=%d sample=%s\n",
    totals.ok, totals.no_availability, totals.other_4xx, totals.server_5xx, first))
end
