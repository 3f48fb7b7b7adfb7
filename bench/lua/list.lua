-- Scenario reservation_list: GET /api/hotel/reservations?page=N&limit=20, a
-- random page of all the tenant's reservations (the answer counts them all).
dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*)/") or ".") .. "/common.lua")
local pages

function bench.init()
  pages = math.ceil(#bench.lines("reservation-ids.txt") / 20)
end

function request()
  return wrk.format("GET", "/api/hotel/reservations?page=" .. math.random(pages) .. "&limit=20")
end
