#!/usr/bin/env bash
# A bounded OpenAPI fuzz run (schemathesis, pinned) against the running app, as three callers:
# anonymous, a demo enterprise owner and the demo super-admin. It fails on any 5xx and on any
# answer the committed document does not describe (status code, content type, body schema).
#
#   scripts/fuzz-api.sh                       # about 5 minutes on 2 cores
#   FUZZ_SECONDS=30 scripts/fuzz-api.sh       # quicker, per role
#   FUZZ_ROLES=admin FUZZ_SEED=7 scripts/fuzz-api.sh
#
# The app runs as `npm start` runs it (embedded PostgreSQL, demo seed) on a free port with a
# throwaway DATA_DIR and the rate limiter off. Schemathesis is installed into a venv in the same
# temporary folder (PyPI), unless SCHEMATHESIS names an existing binary. Reports (JUnit, and a
# pytest file that reproduces each failure) land in FUZZ_REPORT_DIR (default: the temp folder).
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
SECONDS_PER_ROLE=${FUZZ_SECONDS:-90}
MAX_EXAMPLES=${FUZZ_MAX_EXAMPLES:-40}
SEED=${FUZZ_SEED:-20261204}
ROLES=${FUZZ_ROLES:-anonymous owner admin}
DEMO_PASSWORD='Demo!2026pass'

work=$(mktemp -d "${TMPDIR:-/tmp}/innoserve-fuzz.XXXXXX")
chmod 755 "$work" # the embedded PostgreSQL may run as another user and needs to traverse it
report_dir=${FUZZ_REPORT_DIR:-$work/reports}
mkdir -p "$report_dir"
report_dir=$(cd "$report_dir" && pwd)
app_pid=

log() { printf '[fuzz] %s\n' "$*"; }

cleanup() {
  local code=$?
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$app_pid" 2>/dev/null || true
  fi
  if [[ $code -ne 0 && -f "$work/app.log" ]]; then
    log "app log (last 60 lines):"
    tail -n 60 "$work/app.log" || true
  fi
  [[ -n "${FUZZ_KEEP:-}" ]] || rm -rf "$work" 2>/dev/null || true
  exit $code
}
trap cleanup EXIT

# the anonymous caller stays anonymous: schemathesis would otherwise sign itself up through
# POST /auth/register and send that account's token everywhere
cat >"$work/schemathesis.toml" <<'TOML'
[auth]
auto-signup = false
TOML

# Python 3.13 when there is one: on 3.11 Hypothesis can trip over CPython's "AST constructor
# recursion depth mismatch" while it describes a strategy, which schemathesis reports as an error
pick_python() {
  if [[ -n "${FUZZ_PYTHON:-}" ]]; then echo "$FUZZ_PYTHON"; return; fi
  local v p
  for v in 3.13 3.12; do
    if "python$v" -c '' 2>/dev/null; then echo "python$v"; return; fi
    if command -v pyenv >/dev/null 2>&1; then
      p=$(pyenv versions --bare 2>/dev/null | grep -E "^$v(\.|$)" | tail -n 1 || true)
      if [[ -n "$p" && -x "$(pyenv root)/versions/$p/bin/python$v" ]]; then echo "$(pyenv root)/versions/$p/bin/python$v"; return; fi
    fi
  done
  echo python3
}

if [[ -n "${SCHEMATHESIS:-}" ]]; then
  st=$(command -v "$SCHEMATHESIS" || true)
  [[ "$st" == /* ]] || st=$PWD/$SCHEMATHESIS
else
  python=$(pick_python)
  log "installing schemathesis $SCHEMATHESIS_VERSION into $work/venv ($("$python" --version))"
  "$python" -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  st=$work/venv/bin/schemathesis
fi
"$st" --version

port=$(node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port"

node scripts/build.js
log "starting the app on $base (DATA_DIR $work/data)"
env -u DATABASE_URL -u MEILI_HOST -u JWT_SECRET DATA_DIR="$work/data" PORT=$port HOST=127.0.0.1 THROTTLE_ENABLED=false \
  DEMO_SEED=true LOG_LEVEL=warn NODE_ENV=development \
  node --enable-source-maps dist/apps/cli/src/main.js start >"$work/app.log" 2>&1 &
app_pid=$!

for _ in $(seq 1 240); do
  curl -sf "$base/health/live" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { log "the app exited before it answered"; exit 1; }
  sleep 0.5
done
curl -sf "$base/health/live" >/dev/null || { log "the app did not answer on $base"; exit 1; }

token_of() {
  curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
    --data "{\"email\":\"$1\",\"password\":\"$DEMO_PASSWORD\"}" |
    node -e 'let s="";process.stdin.on("data",(c)=>(s+=c)).on("end",()=>console.log(JSON.parse(s).accessToken))'
}

failed=()
for role in $ROLES; do
  auth=()
  case $role in
    anonymous) ;;
    owner) auth=(-H "Authorization: Bearer $(token_of e01@demo.innoserve.cn)") ;;
    admin) auth=(-H "Authorization: Bearer $(token_of admin@demo.innoserve.cn)") ;;
    *) log "unknown role $role (anonymous, owner, admin)"; exit 2 ;;
  esac
  log "fuzzing as $role: up to $MAX_EXAMPLES examples per operation, $SECONDS_PER_ROLE s, seed $SEED"
  # run from the temp folder: schemathesis keeps a cache (.schemathesis/) in its working directory
  if ! (cd "$work" && "$st" --config-file "$work/schemathesis.toml" run "$base/docs-json" --url "$base" "${auth[@]}" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --phases examples,coverage,fuzzing \
    --max-examples "$MAX_EXAMPLES" --max-time "$SECONDS_PER_ROLE" --seed "$SEED" \
    --workers 2 --request-timeout 10 --suppress-health-check all --warnings off \
    --report junit,pytest --report-junit-path "$report_dir/$role.junit.xml" --report-pytest-path "$report_dir/$role.pytest.py" \
    --output-truncate true); then
    failed+=("$role")
  fi
done

if grep -q 'unhandled error' "$work/app.log"; then
  log "the app logged unhandled errors:"
  grep 'unhandled error' "$work/app.log" | head -20
  failed+=("app-log")
fi
if ((${#failed[@]})); then
  log "FAILED: ${failed[*]} (reports in $report_dir; FUZZ_KEEP=1 keeps them)"
  exit 1
fi
log "no server errors, every answer as documented (${ROLES// /, })"
