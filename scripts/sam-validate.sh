#!/usr/bin/env bash
# Checks that what `lambda-lab export` writes is a template AWS's own tool accepts: exports
# sample handlers with each kind of setting and trigger, then runs the AWS SAM CLI's
# `sam validate --lint` (cfn-lint) and plain `sam validate` (the SAM transform) on each: each
# catches mistakes the other lets through.
#
#   JavaScript with a layer and an SQS trigger (partial batch responses)
#   Python with tricky environment variables, arm64 and a schedule
#   JavaScript behind an HTTP API route, with reserved and provisioned concurrency
#   a custom runtime (provided.al2023) folder with an S3 trigger
#
# Both commands work offline and need no AWS credentials (checked with SAM CLI 1.170.0 in a
# network namespace with no network). Needs python3 with venv and pip, network access to PyPI
# for the first install (cached under ~/.cache/lambda-lab/sam afterwards), and the lambda-lab
# binary ($LAMBDA_LAB, else built with cargo).
set -euo pipefail
cd "$(dirname "$0")/.."

SAM_CLI_VERSION=1.170.0
cache="${XDG_CACHE_HOME:-$HOME/.cache}/lambda-lab/sam"
mkdir -p "$cache"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "${LAMBDA_LAB:-}" ]; then
  cargo build --quiet --bin lambda-lab
  LAMBDA_LAB="${CARGO_TARGET_DIR:-target}/debug/lambda-lab"
fi

if ! "$cache/venv/bin/sam" --version 2>/dev/null | grep -q "$SAM_CLI_VERSION"; then
  echo "-- installing aws-sam-cli $SAM_CLI_VERSION (PyPI) into $cache/venv"
  python3 -m venv "$cache/venv"
  "$cache/venv/bin/pip" install --quiet "aws-sam-cli==$SAM_CLI_VERSION"
fi
sam="$cache/venv/bin/sam"
# A Region for the SAM transform; no credentials, no telemetry, no shared AWS config.
export AWS_DEFAULT_REGION=us-east-1 SAM_CLI_TELEMETRY=0
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
echo "-- $("$sam" --version), cfn-lint $("$cache/venv/bin/cfn-lint" --version | awk '{print $2}')"

failures=0
# export_and_validate NAME [export arguments]: exports into $work/NAME, then validates it.
export_and_validate() {
  local name=$1
  shift
  local out="$work/$name"
  if ! "$LAMBDA_LAB" export --out "$out" "$@" >"$work/$name.log" 2>&1; then
    echo "FAIL  $name: lambda-lab export failed"
    sed 's/^/      /' "$work/$name.log"
    failures=$((failures + 1))
    return
  fi
  local step
  for step in "validate --lint" "validate --region us-east-1"; do
    # shellcheck disable=SC2086 # the step is two words on purpose
    if (cd "$out" && "$sam" $step >"$work/$name.sam.log" 2>&1); then
      echo "ok    $name: sam $step"
    else
      echo "FAIL  $name: sam $step"
      sed 's/^/      /' "$work/$name.sam.log"
      failures=$((failures + 1))
    fi
  done
}

export_and_validate js-layer-sqs \
  --code assets/handlers/bakery-order.mjs --layer assets/layers/bakery-helpers-1 \
  --event sample-events/lambda/bakery-order.json \
  --sqs-batch-size 5 --report-batch-item-failures
export_and_validate python-env-schedule \
  --code assets/handlers/hello.py --architecture arm64 --memory-mb 512 --timeout-secs 30 \
  --ephemeral-storage-mb 1024 --env 'TABLE=orders' --env 'NO=true' --env 'PORT=8080' \
  --env "$(printf 'NOTE=a: b # not a comment "quoted"\nsecond line')" \
  --schedule 'cron(0 9 ? * MON-FRI *)'
export_and_validate http-provisioned \
  --code assets/handlers/api.mjs --event sample-events/apigateway-http/get.json \
  --http-route 'GET /orders/{id}' --reserved-concurrency 5 --provisioned-concurrency 2
export_and_validate custom-runtime-s3 \
  --code assets/handlers/custom-runtime --s3-events --s3-prefix 'holiday photos/' --s3-suffix .jpg

# The values read back through the SAM CLI's own YAML loader are the ones given.
if "$cache/venv/bin/python" - "$work/python-env-schedule/template.yaml" <<'PY'
import sys
from samcli.yamlhelper import yaml_parse
variables = yaml_parse(open(sys.argv[1]).read())["Resources"]["Function"]["Properties"]["Environment"]["Variables"]
expected = {"TABLE": "orders", "NO": "true", "PORT": "8080", "NOTE": 'a: b # not a comment "quoted"\nsecond line'}
sys.exit(0 if variables == expected else f"read back {variables!r}")
PY
then
  echo "ok    python-env-schedule: environment variables read back unchanged"
else
  echo "FAIL  python-env-schedule: environment variables changed on the way"
  failures=$((failures + 1))
fi

# And neither check is vacuous; each refuses a mistake the other lets through (with SAM CLI
# 1.170.0 and cfn-lint 1.58.0, which checks SAM resources against SAM's schema without
# running the transform).
# refuses NAME SOURCE STEP SED: SOURCE's template edited by SED must fail `sam STEP`.
refuses() {
  local name=$1 source=$2 step=$3 edit=$4
  local broken="$work/broken-$name"
  cp -r "$work/$source" "$broken"
  sed "$edit" "$work/$source/template.yaml" >"$broken/template.yaml"
  # shellcheck disable=SC2086 # the step is two words on purpose
  if (cd "$broken" && "$sam" $step >/dev/null 2>&1); then
    echo "FAIL  broken template ($name): sam $step accepted it"
    failures=$((failures + 1))
  else
    echo "ok    broken template ($name): sam $step refuses it"
  fi
}
refuses no-alias http-provisioned "validate --region us-east-1" '/AutoPublishAlias/d'
refuses visibility-over-12h js-layer-sqs "validate --lint" 's/VisibilityTimeout: .*/VisibilityTimeout: 50000/'

if [ "$failures" -ne 0 ]; then
  echo "$failures sam-validate check(s) failed"
  exit 1
fi
echo "all sam-validate checks passed"
