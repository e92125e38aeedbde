-- wrk script of the soak run (reliability/soak): a login-and-browse mix against the WalletGate service.
--
--   SOAK_TOKENS=tokens.txt SOAK_DIR=outdir wrk -t2 -c16 -d60s -s reliability/soak.lua http://127.0.0.1:PORT
--
-- tokens.txt: one "token appPubKey" per line (SoakIssuer /mint). Per request, at random:
--   25 %  POST /v1/sessions  (Bearer token, {"appPubKey"}), and a 201's session id is appended to
--         SOAK_DIR/sessions-<thread>.txt: acknowledged sessions, checked after the run
--   35 %  GET /v1/auth with the cookie of a session this thread created (forward-auth)
--   25 %  GET /v1/auth with a Bearer token and X-WalletGate-App-Pub-Key (forward-auth, token)
--   10 %  POST /v1/verify with {"token","appPubKey"}
--    5 %  hostile: a malformed or truncated token, a wrong app key, a huge header
-- done() writes SOAK_DIR/wrk-<phase>.json: responses by status and by error code, and wrk's own counts.

local tokens = {}
local sessions = {}
counts = {}   -- globals: done() reads them from each thread with thread:get
codes = {}
local sessions_file = nil
local thread_id = 0
local threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

function init(args)
   thread_id = id
   local f = assert(io.open(os.getenv("SOAK_TOKENS"), "r"))
   for line in f:lines() do
      local t, k = line:match("^(%S+) (%S+)$")
      if t then table.insert(tokens, {t, k}) end
   end
   f:close()
   sessions_file = assert(io.open(os.getenv("SOAK_DIR") .. "/sessions-" .. os.getenv("SOAK_PHASE") .. "-" .. thread_id .. ".txt", "a"))
   math.randomseed(os.time() + thread_id * 7919)
end

local function pick()
   return tokens[math.random(#tokens)]
end

function request()
   local r = math.random(100)
   local t = pick()
   if r <= 25 then
      return wrk.format("POST", "/v1/sessions", {["Authorization"] = "Bearer " .. t[1],
         ["Content-Type"] = "application/json"}, '{"appPubKey":"' .. t[2] .. '"}')
   elseif r <= 60 and #sessions > 0 then
      return wrk.format("GET", "/v1/auth", {["Cookie"] = "walletgate_session=" .. sessions[math.random(#sessions)]})
   elseif r <= 85 then
      return wrk.format("GET", "/v1/auth", {["Authorization"] = "Bearer " .. t[1],
         ["X-WalletGate-App-Pub-Key"] = t[2]})
   elseif r <= 95 then
      return wrk.format("POST", "/v1/verify", {["Content-Type"] = "application/json"},
         '{"token":"' .. t[1] .. '","appPubKey":"' .. t[2] .. '"}')
   else
      local h = math.random(4)
      if h == 1 then
         return wrk.format("GET", "/v1/auth", {["Authorization"] = "Bearer " .. t[1]:sub(1, #t[1] - 7)})
      elseif h == 2 then
         return wrk.format("GET", "/v1/auth", {["Authorization"] = "Bearer " .. t[1] .. "x.y"})
      elseif h == 3 then
         return wrk.format("GET", "/v1/auth", {["Authorization"] = "Bearer " .. t[1],
            ["X-WalletGate-App-Pub-Key"] = pick()[2]})
      else
         return wrk.format("POST", "/v1/sessions", {["Content-Type"] = "application/json"},
            '{"token":' .. string.rep("[", 5000) .. '}')
      end
   end
end

function response(status, headers, body)
   counts[status] = (counts[status] or 0) + 1
   if status == 201 then
      local sid = body:match('"session":{"id":"([^"]+)"')
      if sid then
         table.insert(sessions, sid)
         sessions_file:write(sid, "\n")
         sessions_file:flush()
      end
   end
   if status >= 400 then
      local code = body:match('"code":"([a-z_]+)"') or ("http_" .. status)
      local key = status .. " " .. code
      codes[key] = (codes[key] or 0) + 1
   end
end

function done(summary, latency, requests)
   local by_status = {}
   local by_code = {}
   for _, thread in ipairs(threads) do
      local c = thread:get("counts")
      for k, v in pairs(c) do by_status[k] = (by_status[k] or 0) + v end
      local e = thread:get("codes")
      for k, v in pairs(e) do by_code[k] = (by_code[k] or 0) + v end
   end
   local out = assert(io.open(os.getenv("SOAK_DIR") .. "/wrk-" .. os.getenv("SOAK_PHASE") .. ".json", "w"))
   out:write('{"phase":"', os.getenv("SOAK_PHASE"), '","requests":', summary.requests,
      ',"duration_s":', string.format("%.1f", summary.duration / 1e6),
      ',"socket_errors":{"connect":', summary.errors.connect, ',"read":', summary.errors.read,
      ',"write":', summary.errors.write, ',"timeout":', summary.errors.timeout, ',"status":', summary.errors.status, '}',
      ',"latency_ms":{"p50":', string.format("%.2f", latency:percentile(50) / 1000),
      ',"p99":', string.format("%.2f", latency:percentile(99) / 1000),
      ',"max":', string.format("%.2f", latency.max / 1000), '}')
   out:write(',"by_status":{')
   local first = true
   for k, v in pairs(by_status) do
      out:write(first and "" or ",", '"', k, '":', v)
      first = false
   end
   out:write('},"by_code":{')
   first = true
   for k, v in pairs(by_code) do
      out:write(first and "" or ",", '"', k, '":', v)
      first = false
   end
   out:write('}}\n')
   out:close()
end
