-- Scenario reservation_create: POST /api/hotel/reservations with a room type
-- and no room (the stay counts against the type's capacity), a random room
-- type of the tenant, a random guest, 1 to 7 nights from a random day of the
-- data's year. A night without a free room of the type answers 409
-- no_availability, counted apart from failures.
dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*)/") or ".") .. "/common.lua")
local targets, guests, days

function bench.init()
  targets = {}
  for _, line in ipairs(bench.lines("targets.txt")) do targets[#targets + 1] = bench.words(line) end
  guests = bench.lines("guest-ids.txt")
  days = bench.days(365 + 7)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  local t = targets[math.random(#targets)]
  local d = math.random(365)
  local body = string.format(
    '{"property_id":"%s","room_type_id":"%s","guest_id":"%s","check_in_date":"%s","check_out_date":"%s","adults":1}',
    t[1], t[2], guests[math.random(#guests)], days[d], days[d + math.random(7)])
  return wrk.format("POST", "/api/hotel/reservations", nil, body)
end
