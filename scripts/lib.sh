# Shared by the scripts: where tools are cached, and how each missing one is installed.
CACHE="${REWEIGH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reweigh}"
BINARYEN_VERSION=132.0.0
PLAYWRIGHT_VERSION=1.65.1
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

# Prints the path of wasm-opt from npm's binaryen (never Debian's: its modules fail to load).
ensure_wasm_opt() {
  local dir="$CACHE/binaryen-$BINARYEN_VERSION"
  if [ ! -x "$dir/node_modules/.bin/wasm-opt" ]; then
    command -v npm >/dev/null || return 1
    echo "== installing binaryen $BINARYEN_VERSION from npm (once)" >&2
    mkdir -p "$dir"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION" >&2) || return 1
  fi
  echo "$dir/node_modules/.bin/wasm-opt"
}

