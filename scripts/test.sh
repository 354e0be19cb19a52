#!/usr/bin/env bash
# Every test: formatting and lints, native tests (unit, integration against the raw CSV and the
# paper, properties, CLI), the importer check, the wasm boundary under node, and the page in a
# real browser (Debian's chromium driven by playwright-core). Installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

step() { echo; echo "== $*"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
ensure_wasm_target
cargo clippy --target wasm32-unknown-unknown --no-default-features --lib --test wasm --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --no-default-features --features robustness --lib --test wasm --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --no-default-features --features spreadsheets --lib --quiet -- -D warnings

step "native tests"
cargo test --all-targets --quiet

step "the committed bundle is what the importer writes"
cargo run --quiet -- import --check

step "wasm boundary (wasm-bindgen-test under node)"
bindgen=$(ensure_wasm_bindgen)
PATH="$(dirname "$bindgen"):$PATH" cargo test --target wasm32-unknown-unknown --no-default-features --test wasm
# The worker's module too: the page starts it for files that are not the shipped bundle.
PATH="$(dirname "$bindgen"):$PATH" cargo test --target wasm32-unknown-unknown --no-default-features --features robustness --test wasm

step "the page in a real browser"
scripts/build-web.sh
ensure_chromium
ensure_browser_deps
cargo build --quiet --bin reweigh
cli="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/debug/reweigh"
(cd tests/browser && REWEIGH_CLI="$cli" node --test --test-reporter=spec --test-concurrency=1 e2e.test.js hardening.test.js reader.test.js map.test.js downloads.test.js robustness.test.js)
echo; echo "screenshots: tests/browser/out/"

step "fuzzing, a minute per target (the long run: scripts/fuzz.sh --runs 1000000)"
scripts/fuzz.sh
