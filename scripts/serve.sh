#!/usr/bin/env bash
# Build the page and serve www/ on http://127.0.0.1:${PORT:-8000}/ (a plain static server).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-web.sh
port="${PORT:-8000}"
echo "== serving http://127.0.0.1:$port/  (Ctrl-C to stop)"
exec python3 -m http.server --bind 127.0.0.1 "$port" --directory www
