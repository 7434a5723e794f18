#!/usr/bin/env bash
# A throwaway single RabbitMQ node for the tests that stop, restart or kill a broker, built
# from the installed RabbitMQ package (/usr/lib/rabbitmq). It runs beside the host's own broker
# (rabbit@localhost on 5672/15672/25672, epmd on 4369) and never touches that node, its epmd
# or its data: the restart tier starts one in its globalSetup and stops it afterwards.
#
#   scripts/throwaway-node.sh [start]   start the node (a fast no-op when it is up)
#   scripts/throwaway-node.sh stop      stop the node and its epmd, delete its directory
#   scripts/throwaway-node.sh env       KEY=value lines describing the node (safe for `eval`)
#   scripts/throwaway-node.sh ctl ARGS… rabbitmqctl against the node, e.g. `ctl stop_app`
#
# Layout: node topo-throwaway@127.0.0.1 (long names), AMQP 127.0.0.1:$TOPO_THROWAWAY_AMQP_PORT
# (default 5690), management http://127.0.0.1:$TOPO_THROWAWAY_MGMT_PORT (15690), distribution
# port $TOPO_THROWAWAY_DIST_PORT (25690), private epmd on $TOPO_THROWAWAY_EPMD_PORT (4390),
# everything in $TOPO_THROWAWAY_DIR (/tmp/topo-throwaway). TOPO_THROWAWAY_TIMEOUT (s, 120).
# Progress goes to stderr; a failure exits 1 with a one-line reason.
#
# Why the unusual steps (the same as scripts/cluster-ready.sh, which explains them at length):
# - `env -i` with RABBITMQ_CONF_ENV_FILE pointing to an empty file: /etc/rabbitmq/rabbitmq-env.conf
#   would force NODENAME=rabbit@localhost, and the caller's RABBITMQ_*/ERL_* must not leak in.
#   Config, plugins file and data all point into the node's dir, so /etc/rabbitmq is never read.
# - The binaries in /usr/lib/rabbitmq/bin are called directly: the /usr/sbin wrappers su to the
#   rabbitmq user and drop our environment.
# - Own epmd (started by us, on 127.0.0.1 only, so `stop` can end exactly it), own distribution
#   port, own Erlang cookie in HOME=$TOPO_THROWAWAY_DIR: the host's node is unreachable from here.
# - The server runs under setsid with stdin from /dev/null and its output in a file, every
#   inherited fd closed: a caller reading our output (vitest, `| tee`) never waits for the node.
set -euo pipefail
# close_extra_fds, alive_pid (a zombie counts as dead)
source "$(dirname "${BASH_SOURCE[0]}")/lib/processes.sh"

PROG=throwaway-node
BASE="${TOPO_THROWAWAY_DIR:-/tmp/topo-throwaway}"
BASE=$(realpath -m -- "$BASE")
AMQP_PORT="${TOPO_THROWAWAY_AMQP_PORT:-5690}"
MGMT_PORT="${TOPO_THROWAWAY_MGMT_PORT:-15690}"
DIST_PORT="${TOPO_THROWAWAY_DIST_PORT:-25690}"
EPMD_PORT="${TOPO_THROWAWAY_EPMD_PORT:-4390}"
TIMEOUT="${TOPO_THROWAWAY_TIMEOUT:-120}"
NODE=topo-throwaway@127.0.0.1
RMQ_BIN=/usr/lib/rabbitmq/bin
MARKER="$BASE/.topo-throwaway"
SAFE_PATH=/usr/lib/rabbitmq/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
MGMT_URL="http://127.0.0.1:$MGMT_PORT"

say() { echo "$PROG: $*" >&2; }
die() { echo "$PROG: error: $(printf '%s' "$*" | tr '\n' ' ')" >&2; exit 1; }

for v in AMQP_PORT MGMT_PORT DIST_PORT EPMD_PORT TIMEOUT; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "TOPO_THROWAWAY_$v must be a number, got '${!v}'"
done

NODE_ENV=(
  PATH="$SAFE_PATH" HOME="$BASE" LANG=C.UTF-8 LC_ALL=C.UTF-8
  ERL_EPMD_PORT="$EPMD_PORT" ERL_CRASH_DUMP="$BASE/erl_crash.dump"
  RABBITMQ_CONF_ENV_FILE="$BASE/empty-rabbitmq-env.conf"
  RABBITMQ_USE_LONGNAME=true
  RABBITMQ_NODENAME="$NODE"
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  RABBITMQ_NODE_PORT="$AMQP_PORT"
  RABBITMQ_DIST_PORT="$DIST_PORT"
  RABBITMQ_CONFIG_FILE="$BASE/rabbitmq.conf"
  RABBITMQ_CONFIG_FILES="$BASE/conf.d"
  RABBITMQ_ADVANCED_CONFIG_FILE="$BASE/advanced.config"
  RABBITMQ_ENABLED_PLUGINS_FILE="$BASE/enabled_plugins"
  RABBITMQ_MOTD_FILE="$BASE/motd"
  RABBITMQ_MNESIA_BASE="$BASE/mnesia"
  RABBITMQ_LOG_BASE="$BASE/log"
  RABBITMQ_PLUGINS_EXPAND_DIR="$BASE/plugins-expand"
  RABBITMQ_PID_FILE="$BASE/pid"
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
)

port_busy() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
api_up() { curl -fs -o /dev/null -m 3 -u guest:guest "$MGMT_URL/api/overview"; }

# The pid in FILE, if it is alive and runs EXE (beam.smp, epmd) from this node's dir.
owned_pid() {
  local pid exe
  pid=$(cat "$1" 2>/dev/null || true)
  [[ "$pid" =~ ^[0-9]+$ ]] && alive_pid "$pid" || return 1
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
  [[ "$exe" == */"$2" ]] || return 1
  tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "HOME=$BASE" || return 1
  echo "$pid"
}
node_pid() { owned_pid "$BASE/pid" beam.smp; }
epmd_pid() { owned_pid "$BASE/epmd.pid" epmd; }

stop_pid() { # PID: SIGTERM, up to 60 s, then SIGKILL
  local i
  kill -TERM "$1" 2>/dev/null || true
  for i in $(seq 1 600); do alive_pid "$1" || return 0; sleep 0.1; done
  say "pid $1 ignored SIGTERM for 60s; sending SIGKILL"
  kill -KILL "$1" 2>/dev/null || true
}

init_base() {
  if [ -d "$BASE" ] && [ ! -f "$MARKER" ] && [ -n "$(ls -A "$BASE")" ]; then
    die "$BASE exists, is not empty and was not made by $PROG; set TOPO_THROWAWAY_DIR elsewhere"
  fi
  mkdir -p "$BASE/mnesia" "$BASE/log" "$BASE/conf.d"
  : >"$MARKER"
  : >"$BASE/empty-rabbitmq-env.conf"
  if [ ! -s "$BASE/.erlang.cookie" ]; then
    head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr a-f A-F >"$BASE/.erlang.cookie"
    chmod 400 "$BASE/.erlang.cookie"
  fi
  echo '[rabbitmq_management].' >"$BASE/enabled_plugins"
  cat >"$BASE/rabbitmq.conf" <<EOF
# Written by scripts/throwaway-node.sh; the AMQP listener and node name come from its env.
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
EOF
}

cmd_start() {
  [ -x "$RMQ_BIN/rabbitmq-server" ] || die "$RMQ_BIN/rabbitmq-server not found (is the rabbitmq-server package installed?)"
  if node_pid >/dev/null && api_up; then say "already up: $NODE, $MGMT_URL"; return 0; fi
  init_base
  if ! epmd_pid >/dev/null; then
    port_busy "$EPMD_PORT" && die "port $EPMD_PORT (TOPO_THROWAWAY_EPMD_PORT) is taken by another process"
    (
      close_extra_fds
      cd "$BASE"
      exec env -i PATH="$SAFE_PATH" HOME="$BASE" setsid epmd -port "$EPMD_PORT" -address 127.0.0.1 \
        </dev/null >>"$BASE/epmd.log" 2>&1
    ) &
    echo $! >"$BASE/epmd.pid"
    local i
    for i in $(seq 1 50); do
      env -i PATH="$SAFE_PATH" epmd -port "$EPMD_PORT" -names >/dev/null 2>&1 && break
      sleep 0.1
    done
  fi
  if ! node_pid >/dev/null; then
    local port
    for port in "$AMQP_PORT" "$MGMT_PORT" "$DIST_PORT"; do
      port_busy "$port" && die "127.0.0.1:$port is taken by another process; the throwaway node cannot start"
    done
    say "starting $NODE (AMQP $AMQP_PORT, management $MGMT_PORT) in $BASE"
    (
      close_extra_fds
      cd "$BASE"
      exec env -i "${NODE_ENV[@]}" setsid "$RMQ_BIN/rabbitmq-server" </dev/null >>"$BASE/server.out" 2>&1
    ) &
    local launcher=$!
  fi
  local deadline=$((SECONDS + TIMEOUT))
  until api_up; do
    if ! node_pid >/dev/null && ! alive_pid "${launcher:-}"; then
      die "the node exited during boot: $(tail -n 1 "$BASE/server.out" 2>/dev/null) (logs in $BASE)"
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "the management API ($MGMT_URL) did not answer within ${TIMEOUT}s (logs in $BASE)"
    sleep 0.5
  done
  say "up: $NODE, $MGMT_URL"
}

cmd_stop() {
  local pid
  if pid=$(node_pid); then say "stopping $NODE (pid $pid)"; stop_pid "$pid"; fi
  if pid=$(epmd_pid); then stop_pid "$pid"; fi
  if [ -d "$BASE" ]; then
    [ -f "$MARKER" ] || [ -z "$(ls -A "$BASE")" ] || die "$BASE was not made by $PROG; not deleting it"
    rm -rf "$BASE"
  fi
  say "stopped; removed $BASE"
}

cmd_env() {
  cat <<EOF
TOPO_THROWAWAY_NODE=$NODE
TOPO_THROWAWAY_DIR=$BASE
TOPO_THROWAWAY_MGMT_URL=$MGMT_URL
TOPO_THROWAWAY_AMQP_URL=amqp://guest:guest@127.0.0.1:$AMQP_PORT
TOPO_THROWAWAY_USER=guest
TOPO_THROWAWAY_PASSWORD=guest
EOF
}

cmd_ctl() {
  [ -f "$MARKER" ] || die "no throwaway node in $BASE; run '$0 start' first"
  (cd "$BASE" && env -i "${NODE_ENV[@]}" "$RMQ_BIN/rabbitmqctl" -n "$NODE" "$@")
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  env) cmd_env ;;
  ctl) shift; cmd_ctl "$@" ;;
  *) die "unknown command '$1' (start, stop, env, ctl ARGS...)" ;;
esac
