-- Scenario auth_me: GET /api/auth/me, the fixed cost of every authenticated call.
dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*)/") or ".") .. "/common.lua")
wrk.method = "GET"
wrk.path = "/api/auth/me"
