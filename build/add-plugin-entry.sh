#!/usr/bin/env bash
# Adds a connector's plugins.json entry (a JSON object in a file, e.g. plugins/Acme.Pbx/plugins-entry.json, written by
# `dotnet new connectorhost-connector`) to the repository's plugins.json, as the last entry of "plugins".
# Usage (in the repository root): bash build/add-plugin-entry.sh [plugins/Acme.Pbx/plugins-entry.json [plugins.json]]
# Without arguments it adds every plugins/*/plugins-entry.json whose id plugins.json does not have yet.
set -euo pipefail
if [ $# -eq 0 ]; then
  for file in plugins/*/plugins-entry.json; do
    [ -e "$file" ] && bash "$0" "$file"
  done
  exit 0
fi
entry_file="$1"
target="${2:-plugins.json}"
id=$(sed -n 's/^ *"id": *"\([^"]*\)".*/\1/p' "$entry_file" | head -n 1)
if [ -z "$id" ]; then
  echo "error: $entry_file has no \"id\"." >&2
  exit 1
fi
if grep -q "\"id\": *\"$id\"" "$target"; then
  echo "$target already has an entry for '$id'; left as it is."
  exit 0
fi
# The repository's plugins.json ends with the last entry's "    }", then "  ]" and "}": the new entry goes before "  ]".
if ! grep -q '^  \]' "$target"; then
  echo "error: $target does not end its \"plugins\" list with a line '  ]'; add the entry from $entry_file by hand." >&2
  exit 1
fi
indented=$(sed 's/^/    /' "$entry_file")
awk -v entry="$indented" '
  { lines[NR] = $0 }
  /^  \]/ { close_line = NR }
  END {
    for (i = 1; i <= NR; i++) {
      if (i == close_line - 1) { print lines[i] ","; print entry; continue }
      print lines[i]
    }
  }' "$target" > "$target.tmp"
mv "$target.tmp" "$target"
echo "Added '$id' to $target."
