#!/usr/bin/env bash
# Regenerates core/tests/vectors/official-python.jsonl from Tencent's official libraries as the
# registries serve them (PyPI tls-sig-api-v2 1.1, Maven Central com.github.tencentyun:
# tls-sig-api-v2 2.0; see scripts/vectors/regenerate.py and core/tests/vectors/README.md for
# which lines each makes), into target/vectors/, and compares the result with the committed file.
#
#   scripts/regenerate-vectors.sh            regenerate and compare (fails on any difference)
#   scripts/regenerate-vectors.sh --update   also overwrite the committed file
#
# Needs python3 (venv), a JDK (java 11+ runs the helper as a source file) and Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

work=target/vectors
committed=core/tests/vectors/official-python.jsonl
mkdir -p "$work"

[ -x "$work/venv/bin/python" ] || python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check "tls-sig-api-v2==1.1"

for artifact in com.github.tencentyun:tls-sig-api-v2:2.0 org.json:json:20180130; do
  mvn -B -q dependency:copy -Dartifact="$artifact" -DoutputDirectory="$work/jars"
done
classpath="$work/jars/tls-sig-api-v2-2.0.jar:$work/jars/json-20180130.jar"

"$work/venv/bin/python" scripts/vectors/regenerate.py "$committed" "$work/official-python.jsonl" \
  "$classpath" scripts/vectors/UserBuf.java

if [ "${1:-}" = "--update" ]; then
  cp "$work/official-python.jsonl" "$committed"
  echo "updated $committed"
elif cmp -s "$work/official-python.jsonl" "$committed"; then
  echo "identical to $committed: $(wc -l <"$committed") lines"
else
  echo "differs from $committed:"
  diff <(cut -c1-160 "$committed") <(cut -c1-160 "$work/official-python.jsonl") || true
  exit 1
fi
