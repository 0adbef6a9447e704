#!/usr/bin/env bash
# Writes vectors.json from cases.tsv with tools independent of this package: bash builds each
# string to sign by plain concatenation, `openssl dgst -sha256 -hmac` signs it, `base64` encodes it.
#   string_to_sign = METHOD + URL + TIMESTAMP + ACCESS_KEY + ACCOUNT_ID + "Openapi"
# Usage: test-vectors/generate.sh [--check]   (--check: fail when vectors.json would change)
set -euo pipefail
cd "$(dirname "$0")"
export LC_ALL=C.UTF-8
# A private scratch file, so that two runs at once (two checkouts' tests) never read each other's.
fresh=$(mktemp vectors.json.XXXXXX)
trap 'rm -f "$fresh"' EXIT

json_string() { # escapes \ and " (cases.tsv holds no control characters)
  local s=${1//\\/\\\\}
  printf '"%s"' "${s//\"/\\\"}"
}

{
  printf '[\n'
  first=1
  while IFS=$'\t' read -r name method url timestamp access_key secret_key account_id; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    string_to_sign="${method}${url}${timestamp}${access_key}${account_id}Openapi"
    signature=$(printf '%s' "$string_to_sign" | openssl dgst -sha256 -hmac "$secret_key" -binary | base64 -w0)
    [[ $first == 1 ]] || printf ',\n'
    first=0
    printf '  {"name": %s, "method": %s, "url": %s, "timestamp": %s, "accessKey": %s, "secretKey": %s, "accountId": %s,\n' \
      "$(json_string "$name")" "$(json_string "$method")" "$(json_string "$url")" "$(json_string "$timestamp")" \
      "$(json_string "$access_key")" "$(json_string "$secret_key")" "$(json_string "$account_id")"
    printf '   "stringToSign": %s,\n   "signature": %s}' "$(json_string "$string_to_sign")" "$(json_string "$signature")"
  done < cases.tsv
  printf '\n]\n'
} > "$fresh"

if [[ "${1:-}" == "--check" ]]; then
  diff -u vectors.json "$fresh"
  echo "vectors.json matches openssl"
else
  cat "$fresh" > vectors.json
  echo "wrote $(grep -c '"signature"' vectors.json) vectors to vectors.json"
fi
