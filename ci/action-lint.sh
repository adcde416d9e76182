#!/usr/bin/env bash
# The GitHub Action's lint step (action.yml): `claimkit lint` with the action's inputs, which
# arrive as environment variables so that no input is ever pasted into a shell command.
#   ci/action-lint.sh FORMAT [extra lint arguments...]
set -euo pipefail
format=$1
shift
read -r -a paths <<< "${INPUT_PATHS:-.}"
args=(--format "$format")
[ -n "${INPUT_CLAIMS:-}" ] && args+=(--claims "$INPUT_CLAIMS")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
if [ "${GITHUB_EVENT_NAME:-}" = pull_request ] && [ "${INPUT_DIFF_ONLY:-true}" = true ] && [ -n "${BASE_SHA:-}" ]; then
  args+=(--diff "$BASE_SHA")
fi
exec claimkit lint "${paths[@]}" "${args[@]}" "$@"
