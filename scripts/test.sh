#!/usr/bin/env bash
# Every test: native (unit, integration, property, CLI), lints and formatting.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v cargo >/dev/null || { echo "cargo is required (https://rustup.rs)"; exit 1; }

echo "== format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings

echo "== native tests"
cargo test --all-targets --quiet

echo "== the committed bundle is what the importer writes"
cargo run --quiet -- import --check
