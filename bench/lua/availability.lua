-- Scenario availability: GET /api/hotel/availability of one property (the
-- tenant's first), 1 to 7 nights from a random day of the data's year.
dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*)/") or ".") .. "/common.lua")
local property, days

function bench.init()
  property = bench.words(bench.lines("targets.txt")[1])[1]
  days = bench.days(365 + 7)
end

function request()
  local d = math.random(365)
  return wrk.format("GET", "/api/hotel/availability?property_id=" .. property .. "&check_in=" .. days[d] ..
    "&check_out=" .. days[d + math.random(7)])
end
