#!/usr/bin/env bash
# action-summary.sh REPORT.json
#
# The GitHub Action's job summary: reads the JSON report of `oblige scan
# --format json` and prints a Markdown table, one row per target, with its
# verdict (under a policy), the licenses identified and the error, warning and
# note counts; action.yml appends it to $GITHUB_STEP_SUMMARY. Every name from
# the scanned tree is escaped: it cannot end a table cell, start a link or
# inject HTML.
set -euo pipefail
report=$1
jq -r '
  # Text for a Markdown table cell: control characters become spaces, and
  # every character Markdown or HTML could act on becomes a character entity.
  def cell: tostring | gsub("[\u0000-\u001f\u007f]"; " ")
    | gsub("(?<c>[&<>\"\u0027|`*_\\[\\]\\\\~#!])"; "&#\(.c | explode[0]);");
  def count(level): [.findings[] | select(.level == level)] | length;
  "### oblige: AI model licenses",
  "",
  "| target | verdict | licenses | errors | warnings | notes |",
  "|---|---|---|---:|---:|---:|",
  (.targets[] |
    "| \(.target | cell) | \(if .verdict == "" then "(no policy)" else (.verdict | cell) end) | \(
      [.licenses[] | select(.scope != "third-party") | "\(.name) (\(.id))"] | unique
      | if length == 0 then "none identified" else map(cell) | join("<br>") end) | \(
      count("error")) | \(count("warning")) | \(count("note")) |"),
  "",
  "\(.targets | length) target(s): \(.summary.error) error(s), \(.summary.warning) warning(s), \(.summary.note) note(s)."
' "$report"
