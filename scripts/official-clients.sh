#!/usr/bin/env bash
# Runs AWS's own runtime clients against Lambda Lab's Runtime API, unchanged, as custom
# runtimes (provided.al2023), and checks each path a client takes: success, a handled error,
# an unhandled error or panic, an init error, and (Python) a process exit.
#
#   Python: awslambdaric from PyPI, installed into a virtualenv by this script.
#   Rust:   lambda_runtime 1.x from crates.io (tests/clients/rust), built by this script.
#
# Needs python3 with venv and pip, network access to PyPI and crates.io for the installs
# (cached under ~/.cache/lambda-lab/clients afterwards), and the lambda-lab binary
# ($LAMBDA_LAB, else built with cargo). .ci/run calls it after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

AWSLAMBDARIC_VERSION=4.2.2
cache="${XDG_CACHE_HOME:-$HOME/.cache}/lambda-lab/clients"
mkdir -p "$cache"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "${LAMBDA_LAB:-}" ]; then
  cargo build --quiet --bin lambda-lab
  LAMBDA_LAB="${CARGO_TARGET_DIR:-target}/debug/lambda-lab"
fi

echo "-- Rust lambda_runtime (crates.io), built as a provided.al2023 bootstrap"
CARGO_TARGET_DIR="$cache/rust-target" cargo build --quiet --release \
  --manifest-path tests/clients/rust/Cargo.toml
mkdir -p "$work/rust"
cp "$cache/rust-target/release/bootstrap" "$work/rust/bootstrap"

echo "-- Python awslambdaric $AWSLAMBDARIC_VERSION (PyPI), started by a bootstrap as AWS documents"
if ! "$cache/venv/bin/python" -c "import awslambdaric" 2>/dev/null; then
  python3 -m venv "$cache/venv"
  "$cache/venv/bin/pip" install --quiet "awslambdaric==$AWSLAMBDARIC_VERSION"
fi
mkdir -p "$work/python"
cp tests/fixtures/runtime_api/python/handlers/*.py "$work/python/"
cat > "$work/python/bootstrap" <<BOOT
#!/bin/sh
# As in AWS's guide to custom Python images: the official client runs the handler.
exec "$cache/venv/bin/python" -m awslambdaric "\$_HANDLER"
BOOT
chmod +x "$work/python/bootstrap"

failures=0
# check NAME CODE HANDLER EVENT EXPECT [extra invoke arguments]: EXPECT is a Python
# expression over `r`, the invocation record lambda-lab printed.
check() {
  local name=$1 code=$2 handler=$3 event=$4 expect=$5
  shift 5
  printf '%s' "$event" > "$work/event.json"
  local record
  record=$("$LAMBDA_LAB" invoke --runtime provided.al2023 --code "$code" --handler "$handler" \
    --event "$work/event.json" --json "$@" 2>/dev/null | head -n 1 || true)
  if python3 -c "import json,sys; r=json.loads(sys.argv[1]); sys.exit(0 if ($expect) else 1)" "$record"; then
    echo "ok    $name"
  else
    echo "FAIL  $name: expected $expect; got $record"
    failures=$((failures + 1))
  fi
}

rust="$work/rust"
check "rust: success" "$rust" bootstrap '{"path":"ok"}' \
  'r["status"]=="success" and r["cold"] and r["response"]["echo"]=={"path":"ok"} and r["response"]["request_id"]==r["request_id"]'
check "rust: handled error (Err)" "$rust" bootstrap '{"path":"error"}' \
  'r["status"]=="error" and r["error"]["errorMessage"]=="the handler returned an error"'
check "rust: panic" "$rust" bootstrap '{"path":"panic"}' \
  'r["status"]=="error" and r["error"]["errorMessage"]=="Lambda panicked: the handler panicked"'
check "rust: init error (exit before /next)" "$rust" bootstrap '{}' \
  'r["status"]=="error" and r["error"]["errorType"]=="Runtime.ExitError"' --env LAMBDA_LAB_INIT_FAIL=1

python="$work/python"
check "python: success" "$python" echo.lambda_handler '{"a":1}' \
  'r["status"]=="success" and r["cold"] and r["response"] is not None'
check "python: handled error" "$python" errors.bad_input '{"kind":"value"}' \
  'r["status"]=="error" and r["error"]["errorType"]=="ValueError"'
check "python: init error (import)" "$python" import_missing_dep.lambda_handler '{}' \
  'r["status"]=="error" and r["error"]["errorType"]=="Runtime.ImportModuleError"'
check "python: handler not found" "$python" echo.nothing_here '{}' \
  'r["status"]=="error" and r["error"]["errorType"]=="Runtime.HandlerNotFound"'
check "python: exit mid-invoke" "$python" exit_during_invoke.lambda_handler '{}' \
  'r["status"]=="error" and r["error"]["errorType"]=="Runtime.ExitError"'
check "python: not JSON serialisable" "$python" not_serialisable.a_set '{}' \
  'r["status"]=="error" and r["error"]["errorType"]=="Runtime.MarshalError"'

if [ "$failures" -ne 0 ]; then
  echo "$failures official-client check(s) failed"
  exit 1
fi
echo "all official-client checks passed"
