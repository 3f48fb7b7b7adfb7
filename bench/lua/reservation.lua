-- Scenario reservation_get: GET /api/hotel/reservations/{id}, a random
-- existing reservation of the tenant per request.
dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*)/") or ".") .. "/common.lua")
local ids

function bench.init()
  ids = bench.lines("reservation-ids.txt")
end

function request()
  return wrk.format("GET", "/api/hotel/reservations/" .. ids[math.random(#ids)])
end
