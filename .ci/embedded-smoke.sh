#!/usr/bin/env bash
# Starts the server as `npm start` does (build, then node dist/main.js), with no DATABASE_URL, in a
# throwaway data folder; asks for the partnerships; sends SIGTERM and expects exit code 0. Node is started
# directly so that the signal reaches the server, as a process manager's would, not npm's shell wrapper.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
pg_port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

npm run build
env -u DATABASE_URL -u TEST_DATABASE_URL PORT="$port" EMBEDDED_PG_PORT="$pg_port" \
  EMBEDDED_PG_DATA_DIR="$work/pg" node dist/main.js >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; echo "server exited early"; exit 1; }
  sleep 1
done
answer=$(curl -fsS "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
  -d '{"query":"{ partnerships { name } }"}')
echo "$answer"
echo "$answer" | grep -q '"partnerships"' || { cat "$work/server.log"; exit 1; }
if echo "$answer" | grep -q '"errors"'; then cat "$work/server.log"; exit 1; fi
# The dashboard: its shell at / and the bundle `npm run build` made.
curl -fsS "http://127.0.0.1:$port/" | grep -q '/assets/app.js' || { echo "no dashboard shell at /"; exit 1; }
curl -fsS -o /dev/null "http://127.0.0.1:$port/assets/app.js" || { echo "no dashboard bundle at /assets/app.js"; exit 1; }

kill -TERM "$server"
set +e
wait "$server"
code=$?
set -e
tail -3 "$work/server.log"
[ "$code" -eq 0 ] || { echo "exit code $code after SIGTERM"; exit 1; }
echo "embedded path OK"
