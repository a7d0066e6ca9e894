#!/usr/bin/env bash
# The Nu HTML Checker (nu.validator:validator from Maven Central, named in pom.xml next to this script).
#   .ci/vnu/check.sh --fetch        download the artifact and its dependencies into ~/.m2 (.ci/run, online)
#   .ci/vnu/check.sh FILE.html ...  check files offline; errors only, JSON on stderr; exit 1 when any error
# Exit 3: the artifact is not in ~/.m2 (run --fetch first); tests/front/test_html_validity.py skips on that.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = "--fetch" ]; then
  exec mvn -q -B -f "$here/pom.xml" dependency:resolve
fi
out=$(mktemp)
if ! log=$(mvn -q -o -B -Dstyle.color=never -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$out" 2>&1); then
  rm -f "$out"
  echo "$log" >&2
  echo "nu.validator:validator is not in the local Maven repository: run .ci/vnu/check.sh --fetch" >&2
  exit 3
fi
classpath=$(cat "$out")
rm -f "$out"
exec java -cp "$classpath" nu.validator.client.SimpleCommandLineValidator --errors-only --format json "$@"
