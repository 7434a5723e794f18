#!/usr/bin/env bash
# Makes Graphviz's `dot` available for the graph tests (test/unit/graph/dot-renders.test.ts),
# from Debian's packages. Idempotent and instant when `dot` is already installed.
set -euo pipefail

if command -v dot >/dev/null 2>&1; then exit 0; fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

echo "graphviz-ready: installing graphviz from Debian's packages" >&2
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq graphviz >/dev/null
dot -V
