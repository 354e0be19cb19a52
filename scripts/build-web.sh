#!/usr/bin/env bash
# Build the page into www/: the wasm module (www/pkg) and a copy of the bundle (www/data).
# Installs what is missing: the wasm32 target, the wasm-bindgen CLI at the exact version in
# Cargo.lock; tools are cached outside the clone. Node (which the browser tests need too) writes the
# precompressed .gz and .br files.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_wasm_target
bindgen=$(ensure_wasm_bindgen)

echo "== building the wasm module"
cargo build --lib --release --target wasm32-unknown-unknown --no-default-features --quiet
rm -rf www/pkg
"$bindgen" --target web --no-typescript --out-dir www/pkg "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/reweigh.wasm"

# The second module: the XLSX and ZIP writers alone (the `sheets` module of src/web/wasm.rs), which the page imports
# only when a reader asks for a workbook or a data package, so the first load stays as small.
echo "== building the spreadsheet writers' module"
cargo build --lib --release --target wasm32-unknown-unknown --no-default-features --features spreadsheets --quiet
"$bindgen" --target web --no-typescript --out-dir www/pkg/sheets "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/reweigh.wasm"

# The third: the page's engine with the sweep and what reads it (the `robustness` module of src/web/wasm.rs), which
# only the page's worker loads, once the page is ready: built for speed (the wasm-worker profile,
# opt-level 3), as its download does not hold up the first paint.
echo "== building the robustness module (the sweep worker's)"
cargo build --lib --profile wasm-worker --target wasm32-unknown-unknown --no-default-features --features robustness --quiet
"$bindgen" --target web --no-typescript --out-dir www/pkg/robustness "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-worker/reweigh.wasm"

# No wasm-opt: measured again (issue 15, binaryen 132 from npm): -Oz takes the page's module from
# 1.50 MB to 1.38 MB raw but from 487 KB to 536 KB gzipped (-Os the same). Nor opt-level "z":
# 2.07 MB, 570 KB gzipped, against "s"'s 1.50 MB, 487 KB. A third time (6 December 2026, the page's
# module 1 293 037 bytes, 444 230 gzip -9): -O2 --strip-debug 1 216 646 / 476 889, -O3 1 196 461 /
# 472 451, -O1 1 255 562 / 443 013: smaller raw, larger gzipped but for -O1's 0.3%, not worth a step.

echo "== copying the bundle"
rm -rf www/data && mkdir -p www/data
cp data/*.json www/data/

echo "== precompressing the assets (.gz and .br beside each)"
node scripts/compress.mjs www

echo "== built: www/ ($(du -sh www/pkg/reweigh_bg.wasm | cut -f1) wasm, $(du -sh www/pkg/robustness/reweigh_bg.wasm | cut -f1) the worker's, $(du -sh www/pkg/sheets/reweigh_bg.wasm | cut -f1) the writers')"
