#!/usr/bin/env bash
# The shell alternative that `npm run bench` compares the action with: what people paste into a
# `run:` step today to refresh a token (curl + jq + ::add-mask::). Environment: BASE_URL,
# CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, GITHUB_OUTPUT.
set -euo pipefail
response=$(curl --silent --show-error --fail-with-body --max-time 30 \
  -H 'Accept: application/json' \
  --data-urlencode grant_type=refresh_token \
  --data-urlencode "client_id=$CLIENT_ID" \
  --data-urlencode "client_secret=$CLIENT_SECRET" \
  --data-urlencode "refresh_token=$REFRESH_TOKEN" \
  --data-urlencode scope=workspace \
  "$BASE_URL/oauth2/token")
token=$(jq -r .access_token <<<"$response")
echo "::add-mask::$token"
echo "access_token=$token" >>"$GITHUB_OUTPUT"
