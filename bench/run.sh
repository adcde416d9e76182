#!/usr/bin/env bash
# Benchmarks for docs/performance.md. Needs hyperfine and GNU time (Debian: hyperfine, time).
#   bench/run.sh [WORK_DIR]        (default: /tmp/claimkit-bench)
# Run from the repository root with the project's virtual environment on PATH or in .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/claimkit-bench}
claimkit=${CLAIMKIT:-.venv/bin/claimkit}
python=${PYTHON:-.venv/bin/python}
export CLAIMKIT_CACHE_DIR="$work/cache"

"$python" bench/generate.py "$work"
corpus="$work/corpus"

echo "== stages, one process"
"$python" bench/stages.py "$corpus" "$work/registry-1000"

echo "== scan time by registry size (one process, registry cache warm)"
hyperfine --warmup 1 --runs 5 --export-json "$work/registry-size.json" \
  -n "10 claims" "$claimkit scan $corpus --claims $work/registry-10 -j 1" \
  -n "100 claims" "$claimkit scan $corpus --claims $work/registry-100 -j 1" \
  -n "1,000 claims" "$claimkit scan $corpus --claims $work/registry-1000 -j 1" \
  -n "10,000 claims" "$claimkit scan $corpus --claims $work/registry-10000 -j 1"

echo "== 10,000 claims with an empty registry cache"
hyperfine --runs 3 --prepare "rm -rf $CLAIMKIT_CACHE_DIR" --export-json "$work/cold.json" \
  -n "10,000 claims, cold cache" "$claimkit scan $corpus --claims $work/registry-10000 -j 1"

echo "== processes (1,000 claims)"
hyperfine --warmup 1 --runs 5 --export-json "$work/jobs.json" \
  -n "jobs 1" "$claimkit scan $corpus --claims $work/registry-1000 -j 1" \
  -n "jobs 2" "$claimkit scan $corpus --claims $work/registry-1000 -j 2"

echo "== lint, 1,000 claims that cover the corpus (JSON report to a file)"
"$claimkit" claims check "$work/registry-covering" > /dev/null  # fills the registry cache
hyperfine --warmup 1 --runs 5 --export-json "$work/lint.json" \
  -n "lint jobs 1" "$claimkit lint $corpus --claims $work/registry-covering -j 1 --format json -o $work/lint-1.json --fail-on never" \
  -n "lint jobs 2" "$claimkit lint $corpus --claims $work/registry-covering -j 2 --format json -o $work/lint-2.json --fail-on never"
cmp "$work/lint-1.json" "$work/lint-2.json" && echo "lint: --jobs 1 and --jobs 2 reports are identical"

echo "== peak memory"
for size in 10 10000; do
  /usr/bin/time -f "scan, registry-$size, --jobs 1: %e s, peak %M KB" \
    "$claimkit" scan "$corpus" --claims "$work/registry-$size" -j 1 > /dev/null
done
for jobs in 1 2; do
  /usr/bin/time -f "lint, registry-covering, --jobs $jobs: %e s, peak %M KB" \
    "$claimkit" lint "$corpus" --claims "$work/registry-covering" -j "$jobs" --format json -o /dev/null --fail-on never
done

echo "== start-up and one small article"
printf '# Tears\n\nCrying lowers blood pressure.\n' > "$work/small.md"
hyperfine --warmup 3 --runs 20 --export-json "$work/startup.json" \
  -n "claimkit --version" "$claimkit --version" \
  -n "scan one small article" "$claimkit scan $work/small.md --claims claims" \
  -n "lint one small article" "$claimkit lint $work/small.md --claims claims --fail-on never"

echo "== trace against scan (covering registry, JSON to stdout)"
hyperfine --warmup 1 --runs 5 -N --export-json "$work/trace.json" \
  -n "scan, -j 1" "$claimkit scan $corpus --claims $work/registry-covering -j 1 --format json" \
  -n "trace, -j 1" "$claimkit trace $corpus --claims $work/registry-covering -j 1 --format json" \
  -n "scan, -j 2" "$claimkit scan $corpus --claims $work/registry-covering -j 2 --format json" \
  -n "trace, -j 2" "$claimkit trace $corpus --claims $work/registry-covering -j 2 --format json"

echo "== cite verify against rate-limited loopback services"
"$python" bench/citations.py "$work"

echo "== medians"
"$python" bench/medians.py "$work/registry-size.json" "$work/cold.json" "$work/jobs.json" "$work/lint.json" "$work/startup.json" "$work/trace.json" "$work/citations.json"
