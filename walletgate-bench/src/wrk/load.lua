-- wrk script of the service load test (bench/load): one case per run, against WalletGate or the providers' sample
-- Node backend (walletgate-bench/src/node/seed-backend.mjs), which answer the same requests.
--
--   LOAD_CASE=session|bearer|verify LOAD_OUT=result.json LOAD_THREADS=T [LOAD_SESSIONS=sessions.txt]
--   [LOAD_TOKENS=tokens.txt LOAD_FROM=N LOAD_COUNT=N]
--   wrk -tT -cC -dD -s load.lua http://127.0.0.1:PORT
--
--   session  GET /v1/auth with `Cookie: walletgate_session=<id>`, the ids of LOAD_SESSIONS in turn
--   bearer   GET /v1/auth with `Authorization: Bearer <token>` and `X-WalletGate-App-Pub-Key: <app key>`
--   verify   POST /v1/verify with {"token","appPubKey"}
--
-- sessions.txt: one session id per line (bench/load opens them, one login each). Thread i of T takes lines i + 1,
-- i + 1 + T, ... (a thread left without one, when there are fewer sessions than threads, takes one of the others), so
-- the threads together use every session, and goes round its share again and again: a session is meant to come back,
-- so nothing is counted as reused. A service that caches session lookups meets as many sessions as the file holds.
--
-- tokens.txt: one "token appPubKey" per line (io.walletgate.bench.LoadIssuer). A run uses lines LOAD_FROM to
-- LOAD_FROM + LOAD_COUNT - 1 (1-based, all lines of one length), split between the threads, each token once: a service
-- that caches verified tokens never meets one twice. A thread that runs out starts its share again and counts the
-- reused tokens, which done() reports (bench/load fails a WalletGate run that reused any).
--
-- Every case's requests are made in init, before the clock starts, as ready-made strings that request() hands out.
-- done() writes LOAD_OUT: requests, duration, requests/s, latency percentiles (ms), wrk's error counts (status: the
-- non-2xx/3xx answers), reused tokens (0 for the session case).

local case = os.getenv("LOAD_CASE")
local threads = {}
local next_id = 0

if case ~= "session" and case ~= "bearer" and case ~= "verify" then
   error("LOAD_CASE must be session, bearer or verify: " .. tostring(case))
end

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

-- Per thread (each has its own Lua state): its share of the session or token lines, as ready-made requests.
local requests = {}
local position = 0
reused = 0 -- global: done() reads it with thread:get

-- This thread's share of the session ids (LOAD_SESSIONS).
local function session_requests(n)
   -- Not io.lines(assert(…, "LOAD_SESSIONS")): assert returns its message too, and LuaJIT's io.lines would take it
   -- as a read format ("L…": keep the newline), which put a bare LF into the Cookie header.
   local file = assert(os.getenv("LOAD_SESSIONS"), "LOAD_SESSIONS")
   local ids = {}
   for l in io.lines(file) do
      if l:find("%S") then
         ids[#ids + 1] = assert(l:match("^%s*(%S+)%s*$"), "not a session id: " .. l)
      end
   end
   assert(#ids > 0, "the session file is empty")
   local function add(session)
      requests[#requests + 1] = wrk.format("GET", "/v1/auth", {["Cookie"] = "walletgate_session=" .. session})
   end
   for k = id + 1, #ids, n do
      add(ids[k])
   end
   if #requests == 0 then -- fewer sessions than threads
      add(ids[id % #ids + 1])
   end
end

-- This thread's share of a run's token lines (LOAD_FROM, LOAD_COUNT).
local function token_requests(n)
   local from = tonumber(os.getenv("LOAD_FROM"))
   local count = tonumber(os.getenv("LOAD_COUNT"))
   local share = math.floor(count / n)
   local first = from + id * share
   local f = assert(io.open(os.getenv("LOAD_TOKENS"), "r"))
   -- Every line has the same length (LoadIssuer's tokens are), so a thread seeks straight to its share.
   local width = #f:read("*l") + 1
   f:seek("set", (first - 1) * width)
   for _ = 1, share do
      local l = f:read("*l")
      assert(l and #l + 1 == width, "the token file is too short, or its lines differ in length")
      local token, key = l:match("^(%S+) (%S+)$")
      if case == "bearer" then
         requests[#requests + 1] = wrk.format("GET", "/v1/auth",
            {["Authorization"] = "Bearer " .. token, ["X-WalletGate-App-Pub-Key"] = key})
      else
         requests[#requests + 1] = wrk.format("POST", "/v1/verify", {["Content-Type"] = "application/json"},
            '{"token":"' .. token .. '","appPubKey":"' .. key .. '"}')
      end
   end
   f:close()
end

function init(args)
   local n = tonumber(os.getenv("LOAD_THREADS"))
   if case == "session" then
      session_requests(n)
   else
      token_requests(n)
   end
   local ready = assert(io.open(os.getenv("LOAD_OUT") .. ".ready-" .. id, "w"))
   ready:close()
end

-- wrk starts each thread as soon as its init returns and the clock once every thread has started, so a thread
-- waits, before its first request, until every thread has its tokens: none sends while another is still reading.
local function await_all_threads()
   local n = tonumber(os.getenv("LOAD_THREADS"))
   for i = 0, n - 1 do
      local f = io.open(os.getenv("LOAD_OUT") .. ".ready-" .. i, "r")
      while not f do
         f = io.open(os.getenv("LOAD_OUT") .. ".ready-" .. i, "r")
      end
      f:close()
   end
end

local started = false
local wrapped = false
local calls = 0
function request()
   calls = calls + 1
   -- wrk calls thread 0's request() once from its main thread, before it starts the other threads, to see
   -- whether requests may be pipelined: that call must not wait.
   if not started and not (id == 0 and calls == 1) then
      await_all_threads()
      started = true
   end
   position = position + 1
   if position > #requests then
      position = 1
      wrapped = true
   end
   -- A token must not come twice; a session comes round again by design.
   if wrapped and case ~= "session" then
      reused = reused + 1
   end
   return requests[position]
end

function done(summary, latency)
   local again = 0
   for _, thread in ipairs(threads) do
      again = again + (thread:get("reused") or 0)
   end
   local seconds = summary.duration / 1e6
   local p = function(q) return string.format("%.3f", latency:percentile(q) / 1000) end
   local out = assert(io.open(os.getenv("LOAD_OUT"), "w"))
   out:write('{"case":"', case, '","requests":', summary.requests,
      ',"duration_s":', string.format("%.3f", seconds),
      ',"rps":', string.format("%.1f", summary.requests / seconds),
      ',"latency_ms":{"p50":', p(50), ',"p90":', p(90), ',"p99":', p(99),
      ',"mean":', string.format("%.3f", latency.mean / 1000), ',"max":', string.format("%.3f", latency.max / 1000),
      '},"errors":{"connect":', summary.errors.connect, ',"read":', summary.errors.read,
      ',"write":', summary.errors.write, ',"timeout":', summary.errors.timeout,
      ',"status":', summary.errors.status, '},"reused_tokens":', again, '}\n')
   out:close()
end
