-- Scenario room_rack: GET /api/hotel/room-rack of one property (the
-- tenant's first), 30 days from a random day of the data's year: every room
-- of the property and every stay overlapping the window, in one answer (the
-- front desk's tape chart).
dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*)/") or ".") .. "/common.lua")
local property, days

function bench.init()
  property = bench.words(bench.lines("targets.txt")[1])[1]
  days = bench.days(365 + 30)
end

function request()
  local d = math.random(365)
  return wrk.format("GET", "/api/hotel/room-rack?property_id=" .. property .. "&from=" .. days[d] ..
    "&to=" .. days[d + 30])
end
