#!/usr/bin/env bash
# The logic of the blastwall GitHub Action (action.yml), kept in a script so that CI can run it on
# a fixture project. One evaluation of every stack writes the text report (the log), the Markdown
# (appended to $GITHUB_STEP_SUMMARY) and SARIF, which is then split into one file per stack whose
# automationDetails.id is "blastwall/<stack>/": code scanning keeps one category per stack, so
# adding or removing a stack never closes another stack's alerts.
#
# Inputs (environment): INPUT_PROJECT, INPUT_STACKS (all, or one stack's name),
# INPUT_CONFIG, INPUT_FAIL_ON, INPUT_FORMATS (of sarif, markdown, json, junit; text always goes to
# the log). Outputs ($GITHUB_OUTPUT): exit-code, sarif-dir, report-dir.
set -uo pipefail

project="${INPUT_PROJECT:-.}"
stacks="${INPUT_STACKS:-all}"
fail_on="${INPUT_FAIL_ON:-mandatory}"
formats="${INPUT_FORMATS:-sarif,markdown}"
out="${RUNNER_TEMP:-$(mktemp -d)}/blastwall"
rm -rf "$out" && mkdir -p "$out/sarif"
# The project's own blastwall (npm install --save-dev blastwall), never one fetched here.
blastwall=(${BLASTWALL_COMMAND:-npx --no-install blastwall})

args=(check --project "$project" --fail-on "$fail_on" --format text)
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
case "$stacks" in
    *[,\ ]*) echo "blastwall action: stacks is all or one stack name, not \"$stacks\"" >&2; exit 2 ;;
esac
args+=(--stack "$stacks")
for format in ${formats//,/ }; do
    case "$format" in
        sarif) args+=(--format "sarif=$out/blastwall.sarif") ;;
        markdown) args+=(--format "markdown=$out/summary.md") ;;
        json) args+=(--format "json=$out/blastwall.json") ;;
        junit) args+=(--format "junit=$out/junit.xml") ;;
        text) ;;
        *) echo "blastwall action: unknown format \"$format\" (sarif, markdown, json, junit)" >&2; exit 2 ;;
    esac
done

"${blastwall[@]}" "${args[@]}"
code=$?

if [ -f "$out/summary.md" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$out/summary.md" >> "$GITHUB_STEP_SUMMARY"; fi
if [ -f "$out/blastwall.sarif" ]; then node "$(dirname "$0")/split-sarif.js" "$out/blastwall.sarif" "$out/sarif" || code=3; fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
    { echo "exit-code=$code"; echo "sarif-dir=$out/sarif"; echo "report-dir=$out"; } >> "$GITHUB_OUTPUT"
fi
case "$code" in
    0) echo "blastwall: no violations at or above $fail_on" ;;
    1) echo "blastwall: violations at or above $fail_on (exit 1)" ;;
    2) echo "blastwall: bad usage or unreadable input (exit 2); the reports say what failed" ;;
    *) echo "blastwall: internal error (exit $code)" ;;
esac
exit 0
