# Shared by the scripts: where tools are cached, and how each missing one is installed.
CACHE="${REWEIGH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reweigh}"
mkdir -p "$CACHE"

ensure_wasm_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo "== adding the wasm32-unknown-unknown target" >&2
    rustup target add wasm32-unknown-unknown >&2
  fi
}

# The wasm-bindgen version pinned in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

# Prints the path of a wasm-bindgen CLI matching Cargo.lock, installing it if missing.
ensure_wasm_bindgen() {
  local version root
  version=$(wasm_bindgen_version)
  root="$CACHE/wasm-bindgen-cli-$version"
  if [ ! -x "$root/bin/wasm-bindgen" ]; then
    echo "== installing wasm-bindgen-cli $version (a few minutes, once)" >&2
    cargo install wasm-bindgen-cli --version "$version" --locked --root "$root" --quiet >&2
  fi
  echo "$root/bin/wasm-bindgen"
}



# Debian's chromium (for the browser tests), installed with apt if missing.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "== installing chromium (apt)" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >&2
  fi
}

# playwright-core (and the benchmark's arquero), from tests/browser/package-lock.json.
ensure_browser_deps() {
  command -v npm >/dev/null || { echo "node and npm are required for the browser tests" >&2; return 1; }
  if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

# Prints the path of cargo-fuzz, installing it into the cache if missing.
ensure_cargo_fuzz() {
  local root="$CACHE/cargo-fuzz"
  if [ ! -x "$root/bin/cargo-fuzz" ]; then
    echo "== installing cargo-fuzz (a minute or two, once)" >&2
    cargo install cargo-fuzz --locked --root "$root" --quiet >&2
  fi
  echo "$root/bin/cargo-fuzz"
}
