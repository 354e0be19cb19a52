#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo fuzz, libFuzzer) of the parsers and writers: the state and URL
# hash, the bundle loader, the claims loader, the CSV/JSON exports, the sweep's own evaluator, the
# Markdown export. Built with overflow checks and debug assertions (-a): a wrapped sum is a crash.
#   scripts/fuzz.sh                 each target for 60 s (what scripts/test.sh runs)
#   scripts/fuzz.sh --seconds 600   each target for 10 minutes
#   scripts/fuzz.sh --runs 1000000  each target for a million executions (the long run)
#   scripts/fuzz.sh --seconds 60 sweep export   only the targets named
# Seeds: fuzz/corpus/<target> (committed); what the fuzzer finds: fuzz/work/<target> (ignored).
# A crash leaves its input in fuzz/artifacts/<target>/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

limit=(-max_total_time=60)
case "${1:-}" in
  --seconds) limit=(-max_total_time="$2"); shift 2 ;;
  --runs) limit=(-runs="$2"); shift 2 ;;
  "") ;;
  *) echo "usage: scripts/fuzz.sh [--seconds N | --runs N] [TARGET...]" >&2; exit 2 ;;
esac
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(state bundle claims export sweep markdown)

fuzz=$(ensure_cargo_fuzz)
# cargo fuzz passes nightly-only flags; this toolchain is stable, so allow them for this build.
# No sanitizer: the project has no unsafe code, and without one the fuzzer runs 3x faster.
export RUSTC_BOOTSTRAP=1
for target in "${targets[@]}"; do
  mkdir -p "fuzz/work/$target"
  echo "== fuzz $target (${limit[*]})"
  started=$(date +%s)
  log="fuzz/work/$target.log"
  status=0
  "$fuzz" fuzz run --sanitizer none -a "$target" "fuzz/work/$target" "fuzz/corpus/$target" -- \
    "${limit[@]}" -max_len=32768 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E "^Done|stat::number_of_executed_units|ERROR|panicked|SUMMARY|crash-|Test unit written" "$log" || true
  echo "   $(( $(date +%s) - started )) s"
  if [ "$status" -ne 0 ] || ls "fuzz/artifacts/$target"/crash-* "fuzz/artifacts/$target"/timeout-* "fuzz/artifacts/$target"/oom-* >/dev/null 2>&1; then
    tail -n 30 "$log" >&2
    echo "fuzz $target failed (exit $status): see $log and fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
