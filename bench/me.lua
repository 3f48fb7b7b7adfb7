-- wrk script: GET /api/auth/me with the access token from the TOKEN
-- environment variable (bench/run logs in and sets it).
local token = os.getenv("TOKEN")
if token == nil or token == "" then
  error("TOKEN is not set: export an access token (bench/run does this)")
end
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"
