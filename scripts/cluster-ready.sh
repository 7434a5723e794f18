#!/usr/bin/env bash
# Starts, inspects and tears down a local 3-node RabbitMQ cluster for topo's cluster and
# failure tests, built from the installed RabbitMQ package (/usr/lib/rabbitmq). It runs
# beside the host's own broker (rabbit@localhost on 5672/15672/25672, epmd on 4369) and
# never touches that node or its epmd.
#
#   scripts/cluster-ready.sh [start]      start (or repair) the cluster; a fast no-op when up
#   scripts/cluster-ready.sh stop         stop all three nodes, the private epmd, delete the dir
#   scripts/cluster-ready.sh stop-node N  gracefully stop node N's whole Erlang VM (SIGTERM)
#   scripts/cluster-ready.sh kill-node N  SIGKILL node N's beam.smp (crash simulation)
#   scripts/cluster-ready.sh start-node N start node N's VM again; it rejoins by itself
#   scripts/cluster-ready.sh env          KEY=value lines describing the cluster (no spaces,
#                                         safe for `eval`, split on the first '=' in tests)
#   scripts/cluster-ready.sh status       one line per node: pid, RSS, API up/down
#   scripts/cluster-ready.sh ctl N ARGS…  rabbitmqctl against node N with the right env
#
# Layout (node N = 1..3): node name topo-cN@127.0.1.N, AMQP 127.0.1.N:568N, management
# http://127.0.1.N:1568N, distribution 127.0.1.N:2568N, data and logs in $TOPO_CLUSTER_DIR/nN
# (default /tmp/topo-cluster). Env: TOPO_CLUSTER_DIR, TOPO_CLUSTER_TIMEOUT (s, default 180),
# TOPO_CLUSTER_EPMD_PORT (default 4380). Progress goes to stderr, one line per phase; a
# failure exits 1 with a one-line reason.
#
# Why the unusual steps:
# - Every node gets its own loopback address 127.0.1.N (all of 127/8 is loopback on Linux
#   and in gVisor, no setup needed) and binds AMQP (RABBITMQ_NODE_IP_ADDRESS), management
#   (management.tcp.ip) and distribution (inet_dist_use_interface) to it, so each node is a
#   separate "host". The guest user still logs in: 127.0.1.N is loopback.
# - Node names use that address with long names (RABBITMQ_USE_LONGNAME=true) instead of
#   /etc/hosts entries: no root, no edits outside this dir, nothing to keep idempotent.
# - A private epmd on TOPO_CLUSTER_EPMD_PORT listening on 127.0.0.1 and 127.0.1.1-3: peers
#   look a node up at its own host's epmd (127.0.1.N), and the host's epmd listens on
#   127.0.0.1:4369 only. ERL_EPMD_PORT is set for our nodes and CLI calls only.
# - Every RabbitMQ process runs under `env -i` with RABBITMQ_CONF_ENV_FILE pointing to an
#   empty file: /etc/rabbitmq/rabbitmq-env.conf forces NODENAME=rabbit@localhost and sets
#   ERL_FLAGS, and nothing from the caller's environment (RABBITMQ_*, ERL_*) may leak in.
#   Config, conf.d, advanced.config, enabled_plugins and motd point into the node's dir so
#   /etc/rabbitmq is never read.
# - HOME=$TOPO_CLUSTER_DIR holds .erlang.cookie, a copy of /var/lib/rabbitmq/.erlang.cookie:
#   that is the cookie the packaged CLI (/usr/sbin/rabbitmqctl, which su's to the rabbitmq
#   user) uses; root's HOME has none. Without read access a random cookie is written instead.
# - The binaries in /usr/lib/rabbitmq/bin are called directly: the /usr/sbin wrappers su to
#   the rabbitmq user and drop our environment.
# - rabbitmq-server runs in the background under setsid, stdin from /dev/null, stdout and
#   stderr to nN/server.out and every other inherited fd closed, so it neither holds the
#   caller's pipes open (a caller reading our output would hang) nor dies with the caller's
#   process group. The beam pid comes from RABBITMQ_PID_FILE, or else from /proc (a beam.smp
#   whose environment names the node and this dir's pid file).
# - Nodes 2 and 3 join node 1 with stop_app / join_cluster / start_app (join_cluster resets
#   the joining node). All not-running nodes start in parallel: a clustered node that was
#   not the last to stop waits at boot for its peers.
# - A lock file ($TOPO_CLUSTER_DIR.lock, beside the dir so `stop` can delete the dir) makes
#   concurrent calls (e.g. parallel test workers) take turns.
# - CLI calls need RABBITMQ_NODENAME (ctl sets it): the CLI names itself
#   rabbitmqcli-…@<host part of RABBITMQ_NODENAME>. Without it the name is …@vm.localdomain
#   (no such host), the other nodes cannot reach the CLI, and cluster-wide commands such as
#   list_queues hang for 60s.
# - Liveness checks treat zombies as dead: in the sandbox this was built in, PID 1 does not
#   reap orphans, so a killed node leaves <defunct> entries behind (harmless).
set -euo pipefail
# close_extra_fds, alive_pid (a zombie counts as dead)
source "$(dirname "${BASH_SOURCE[0]}")/lib/processes.sh"

PROG=cluster-ready
BASE="${TOPO_CLUSTER_DIR:-/tmp/topo-cluster}"
BASE=$(realpath -m -- "$BASE")   # absolute and canonical: compared with /proc/PID/cwd below
TIMEOUT="${TOPO_CLUSTER_TIMEOUT:-180}"
EPMD_PORT="${TOPO_CLUSTER_EPMD_PORT:-4380}"
RMQ_BIN=/usr/lib/rabbitmq/bin
HOST_COOKIE=/var/lib/rabbitmq/.erlang.cookie
MARKER="$BASE/.topo-cluster"
LOCK_FILE="$BASE.lock"
CLUSTER_NAME=topo-cluster
API_USER=guest
API_PASSWORD=guest
NODES=(1 2 3)
SAFE_PATH=/usr/lib/rabbitmq/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin

T0=${EPOCHREALTIME/[.,]/}
say() { printf '%s: [+%s] %s\n' "$PROG" "$(elapsed "$T0")" "$*" >&2; }
die() { printf '%s: error: %s\n' "$PROG" "$(printf '%s' "$*" | tr '\n' ' ')" >&2; exit 1; }

ip_of() { echo "127.0.1.$1"; }
name_of() { echo "topo-c$1@127.0.1.$1"; }
amqp_port() { echo $((5680 + $1)); }
mgmt_port() { echo $((15680 + $1)); }
dist_port() { echo $((25680 + $1)); }
mgmt_url() { echo "http://$(ip_of "$1"):$(mgmt_port "$1")"; }
node_dir() { echo "$BASE/n$1"; }

now() { echo "${EPOCHREALTIME/[.,]/}"; }                 # microseconds
elapsed() { local us=$(( $(now) - $1 )); printf '%d.%01ds' $((us / 1000000)) $((us % 1000000 / 100000)); }
DEADLINE=0
set_deadline() { DEADLINE=$((SECONDS + TIMEOUT)); }
past_deadline() { [ "$SECONDS" -ge "$DEADLINE" ]; }

[[ "$TIMEOUT" =~ ^[0-9]+$ ]] || die "TOPO_CLUSTER_TIMEOUT must be a number of seconds, got '$TIMEOUT'"
[[ "$EPMD_PORT" =~ ^[0-9]+$ ]] || die "TOPO_CLUSTER_EPMD_PORT must be a port number, got '$EPMD_PORT'"

check_node_arg() {
  [[ "${1:-}" =~ ^[123]$ ]] || die "expected a node number 1, 2 or 3, got '${1:-}'"
}

# NODE_ENV=(the complete environment of node N's server and of CLI calls aimed at it), for
# `env -i "${NODE_ENV[@]}" command`.
NODE_ENV=()
set_node_env() {
  local n=$1 d; d=$(node_dir "$1")
  NODE_ENV=(
    PATH="$SAFE_PATH" HOME="$BASE" LANG=C.UTF-8 LC_ALL=C.UTF-8
    ERL_EPMD_PORT="$EPMD_PORT" ERL_CRASH_DUMP="$d/erl_crash.dump"
    RABBITMQ_CONF_ENV_FILE="$BASE/empty-rabbitmq-env.conf"
    RABBITMQ_USE_LONGNAME=true
    RABBITMQ_NODENAME="$(name_of "$n")"
    RABBITMQ_NODE_IP_ADDRESS="$(ip_of "$n")"
    RABBITMQ_NODE_PORT="$(amqp_port "$n")"
    RABBITMQ_DIST_PORT="$(dist_port "$n")"
    RABBITMQ_CONFIG_FILE="$d/rabbitmq.conf"
    RABBITMQ_CONFIG_FILES="$d/conf.d"
    RABBITMQ_ADVANCED_CONFIG_FILE="$d/advanced.config"
    RABBITMQ_ENABLED_PLUGINS_FILE="$d/enabled_plugins"
    RABBITMQ_MOTD_FILE="$d/motd"
    RABBITMQ_MNESIA_BASE="$d/mnesia"
    RABBITMQ_LOG_BASE="$d/log"
    RABBITMQ_PLUGINS_EXPAND_DIR="$d/plugins-expand"
    RABBITMQ_PID_FILE="$d/pid"
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,1,$n}"
  )
}

# ---- processes -------------------------------------------------------------------------

is_node_beam() { # PID N: is PID a live beam.smp started by this script for node N of $BASE?
  local pid=$1 exe
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
  [[ "$exe" == */beam.smp ]] || return 1
  [ "$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null \
        | grep -cxF -e "RABBITMQ_NODENAME=$(name_of "$2")" -e "RABBITMQ_PID_FILE=$(node_dir "$2")/pid")" = 2 ]
}

node_pid() { # N -> pid of node N's beam.smp, or status 1
  local pid
  pid=$(cat "$(node_dir "$1")/pid" 2>/dev/null || true)
  if is_node_beam "$pid" "$1"; then echo "$pid"; return 0; fi
  for pid in $(pgrep -x beam.smp || true); do
    if is_node_beam "$pid" "$1"; then echo "$pid"; return 0; fi
  done
  return 1
}

epmd_pid() { # pid of our private epmd, or status 1
  local pid exe cmd
  for pid in "$(cat "$BASE/epmd.pid" 2>/dev/null || true)" $(pgrep -x epmd || true); do
    [[ "$pid" =~ ^[0-9]+$ ]] || continue
    exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || continue
    [[ "$exe" == */epmd ]] || continue
    [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$BASE" ] || continue   # ours: we start it in $BASE
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || continue
    if [[ "$cmd" == *"-port $EPMD_PORT -address 127.0.0.1,127.0.1.1"* ]]; then echo "$pid"; return 0; fi
  done
  return 1
}

port_busy() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

rss_mb() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }

OUT_OFFSET=()
log_tail() { # N -> the most telling line of node N's output since its launch, for errors
  local d out line; d=$(node_dir "$1")
  out=$(tail -c +$(( ${OUT_OFFSET[$1]:-0} + 1 )) "$d/server.out" 2>/dev/null || true)
  line=$(printf '%s\n' "$out" | grep -m 1 -E '^(Error during startup|Kernel pid terminated)' || true)
  [ -n "$line" ] || line=$(tail -n 1 "$d/log/$(name_of "$1").log" 2>/dev/null || true)
  [ -n "$line" ] || line=$(printf '%s\n' "$out" | grep -v '^[[:space:]]*$' | tail -n 1 || true)
  printf '%s (logs in %s)' "${line:0:300}" "$d"
}

# ---- management API --------------------------------------------------------------------

api_up() { curl -fs -o /dev/null -m 3 -u "$API_USER:$API_PASSWORD" "$(mgmt_url "$1")/api/overview"; }
nodes_json() { curl -fs -m 5 -u "$API_USER:$API_PASSWORD" "$(mgmt_url "$1")/api/nodes?columns=name,running"; }

member_state() { # JSON NAME -> running | down | absent
  local obj
  obj=$(printf '%s' "$1" | grep -o '{[^{}]*}' | grep -F "\"name\":\"$2\"" || true)
  if [ -z "$obj" ]; then echo absent
  elif [[ "$obj" == *'"running":true'* ]]; then echo running
  else echo down; fi
}

seen_by() { # OBSERVER N -> node N's state as node OBSERVER's API reports it, or unreachable
  local json; json=$(nodes_json "$1") || { echo unreachable; return 0; }
  member_state "$json" "$(name_of "$2")"
}

cluster_ready() { # every node's API answers and reports all three nodes running
  local n m json
  for n in "${NODES[@]}"; do
    json=$(nodes_json "$n") || return 1
    for m in "${NODES[@]}"; do
      [ "$(member_state "$json" "$(name_of "$m")")" = running ] || return 1
    done
  done
}

# ---- building blocks ---------------------------------------------------------------------

take_lock() {
  mkdir -p "$(dirname "$LOCK_FILE")"
  exec 9>"$LOCK_FILE"
  flock -w "$TIMEOUT" 9 || die "another $PROG call held $LOCK_FILE for ${TIMEOUT}s"
}

preflight() {
  [ -x "$RMQ_BIN/rabbitmq-server" ] || die "$RMQ_BIN/rabbitmq-server not found (is the rabbitmq-server package installed?)"
  local tool
  for tool in curl epmd flock pgrep setsid timeout; do
    PATH="$SAFE_PATH" command -v "$tool" >/dev/null || die "'$tool' is not installed"
  done
}

init_base() {
  if [ -d "$BASE" ] && [ ! -f "$MARKER" ] && [ -n "$(ls -A "$BASE")" ]; then
    die "$BASE exists, is not empty and was not made by $PROG; set TOPO_CLUSTER_DIR elsewhere"
  fi
  mkdir -p "$BASE"
  : >"$MARKER"
  : >"$BASE/empty-rabbitmq-env.conf"
  if [ ! -s "$BASE/.erlang.cookie" ]; then
    if [ -r "$HOST_COOKIE" ]; then
      cp "$HOST_COOKIE" "$BASE/.erlang.cookie"
    else
      say "cannot read $HOST_COOKIE; using a random Erlang cookie"
      head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr a-f A-F >"$BASE/.erlang.cookie"
    fi
    chmod 400 "$BASE/.erlang.cookie"
  fi
  local n d
  for n in "${NODES[@]}"; do
    d=$(node_dir "$n")
    mkdir -p "$d/mnesia" "$d/log" "$d/conf.d"
    echo '[rabbitmq_management].' >"$d/enabled_plugins"
    cat >"$d/rabbitmq.conf" <<EOF
# Written by scripts/cluster-ready.sh; AMQP listener and node name come from its env.
cluster_name = $CLUSTER_NAME
management.tcp.ip = $(ip_of "$n")
management.tcp.port = $(mgmt_port "$n")
EOF
  done
}

ensure_epmd() {
  if epmd_pid >/dev/null; then return 0; fi
  if port_busy 127.0.0.1 "$EPMD_PORT"; then
    die "port $EPMD_PORT (TOPO_CLUSTER_EPMD_PORT) is taken by a process that is not this cluster's epmd"
  fi
  say "starting private epmd on port $EPMD_PORT"
  (
    close_extra_fds
    cd "$BASE"
    exec env -i PATH="$SAFE_PATH" setsid epmd -port "$EPMD_PORT" \
      -address 127.0.0.1,127.0.1.1,127.0.1.2,127.0.1.3 </dev/null >>"$BASE/epmd.log" 2>&1
  ) &
  echo $! >"$BASE/epmd.pid"
  local i
  for i in $(seq 1 50); do
    env -i PATH="$SAFE_PATH" epmd -port "$EPMD_PORT" -names >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "epmd on port $EPMD_PORT did not come up: $(tail -n 1 "$BASE/epmd.log" 2>/dev/null)"
}

launch_node() { # N: start node N's VM in the background unless it is running already
  local n=$1 d ip; d=$(node_dir "$1"); ip=$(ip_of "$1")
  if node_pid "$n" >/dev/null; then return 0; fi
  local port
  for port in "$(amqp_port "$n")" "$(mgmt_port "$n")" "$(dist_port "$n")"; do
    if port_busy "$ip" "$port"; then die "$ip:$port is taken by another process; node $n cannot start"; fi
  done
  rm -f "$d/pid"
  OUT_OFFSET[$n]=$(stat -c %s "$d/server.out" 2>/dev/null || echo 0)
  (
    close_extra_fds
    cd "$d"
    set_node_env "$n"
    exec env -i "${NODE_ENV[@]}" setsid "$RMQ_BIN/rabbitmq-server" </dev/null >>"$d/server.out" 2>&1
  ) &
  LAUNCHER[$n]=$!
}

LAUNCHER=()

wait_node_up() { # N: until node N's management API answers; fail fast if its VM dies
  local n=$1
  until api_up "$n"; do
    # Alive: its beam.smp runs, or the rabbitmq-server script we launched is still starting it.
    if ! node_pid "$n" >/dev/null && ! alive_pid "${LAUNCHER[$n]:-}"; then
      die "node $n ($(name_of "$n")) exited during boot: $(log_tail "$n")"
    fi
    if past_deadline; then
      local why; why=$(log_tail "$n")
      [[ "$why" == *"Waiting for Mnesia tables"* ]] && why+="; it waits for the peers it was clustered with (the last node to stop must boot too: use '$0 start')"
      die "node $n's management API ($(mgmt_url "$n")) did not answer within ${TIMEOUT}s: $why"
    fi
    sleep 0.5
  done
}

ctl_raw() { # N ARGS...: rabbitmqctl against node N, output captured by the caller
  local n=$1; shift
  set_node_env "$n"
  (cd "$BASE" && env -i "${NODE_ENV[@]}" "$RMQ_BIN/rabbitmqctl" -n "$(name_of "$n")" "$@")
}

ctl_or_die() { # N ARGS...
  local out
  out=$(ctl_raw "$@" 2>&1) || die "rabbitmqctl ${*:2} on node $1 failed: $(printf '%s' "$out" | grep -v '^[[:space:]]*$' | tail -n 1)"
}

join_node() { # N: make node N a member of node 1's cluster
  local n=$1
  say "joining $(name_of "$n") to $(name_of 1) (stop_app, join_cluster, start_app)"
  ctl_or_die "$n" stop_app
  ctl_or_die "$n" join_cluster "$(name_of 1)"
  ctl_or_die "$n" start_app
  wait_node_up "$n"
}

wait_seen() { # N WANT: until every other reachable node reports node N as WANT
  local n=$1 want=$2 m state ok
  while :; do
    ok=1
    for m in "${NODES[@]}"; do
      [ "$m" = "$n" ] && continue
      state=$(seen_by "$m" "$n")
      [ "$state" = unreachable ] || [ "$state" = "$want" ] || ok=0
    done
    [ "$ok" = 1 ] && return 0
    past_deadline && die "after ${TIMEOUT}s the other nodes still do not report node $n as $want"
    sleep 0.5
  done
}

stop_pids() { # SIGTERM the given pids, wait up to 60s, then SIGKILL what is left
  local pid waited=0 left
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  while :; do
    left=()
    for pid in "$@"; do if alive_pid "$pid"; then left+=("$pid"); fi; done
    [ "${#left[@]}" = 0 ] && return 0
    if [ "$waited" -ge 600 ]; then
      say "pids ${left[*]} ignored SIGTERM for 60s; sending SIGKILL"
      for pid in "${left[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
      sleep 0.5
      return 0
    fi
    sleep 0.1; waited=$((waited + 1))
  done
}

# ---- commands ----------------------------------------------------------------------------

cmd_start() {
  local n json pid
  preflight
  if [ -f "$MARKER" ] && epmd_pid >/dev/null && cluster_ready; then
    say "cluster already up: $(name_of 1), $(name_of 2), $(name_of 3)"
    return 0
  fi
  take_lock
  set_deadline
  if [ -f "$MARKER" ] && epmd_pid >/dev/null && cluster_ready; then
    say "cluster already up (started by a concurrent call)"
    return 0
  fi
  init_base
  if ! epmd_pid >/dev/null; then
    for n in "${NODES[@]}"; do
      if pid=$(node_pid "$n"); then
        die "node $n runs (pid $pid) but the private epmd is gone; run '$0 stop' then '$0 start'"
      fi
    done
  fi
  ensure_epmd
  local to_start=()
  for n in "${NODES[@]}"; do node_pid "$n" >/dev/null || to_start+=("$n"); done
  if [ "${#to_start[@]}" -gt 0 ]; then
    say "launching node(s) ${to_start[*]} in $BASE"
    for n in "${to_start[@]}"; do launch_node "$n"; done
  fi
  say "waiting for the management API on ports $(mgmt_port 1), $(mgmt_port 2), $(mgmt_port 3)"
  for n in "${NODES[@]}"; do wait_node_up "$n"; done
  for n in 2 3; do
    json=$(nodes_json 1) || die "node 1's management API stopped answering"
    if [ "$(member_state "$json" "$(name_of "$n")")" = absent ]; then join_node "$n"; fi
  done
  say "checking that every node reports all three nodes running"
  until cluster_ready; do
    past_deadline && die "the nodes answer but do not all report a 3-node cluster within ${TIMEOUT}s; see $BASE/n*/log"
    sleep 0.5
  done
  say "cluster up: $(name_of 1), $(name_of 2), $(name_of 3)"
}

cmd_stop() {
  local n pid pids=()
  take_lock
  for n in "${NODES[@]}"; do
    if pid=$(node_pid "$n"); then pids+=("$pid"); fi
  done
  if [ "${#pids[@]}" -gt 0 ]; then
    say "stopping ${#pids[@]} node(s) (SIGTERM, graceful)"
    stop_pids "${pids[@]}"
  fi
  if pid=$(epmd_pid); then
    say "stopping private epmd (pid $pid)"
    stop_pids "$pid"
  fi
  if [ -d "$BASE" ]; then
    if [ -f "$MARKER" ] || [ -z "$(ls -A "$BASE")" ]; then
      rm -rf "$BASE"
    else
      die "$BASE was not made by $PROG; not deleting it"
    fi
  fi
  say "stopped; removed $BASE"
}

# stop-node (SIGTERM: the VM shuts down cleanly) and kill-node (SIGKILL: a crash) of node N;
# either way done once the other nodes report it down.
cmd_halt_node() { # TERM|KILL N
  local signal=$1 n=$2 pid done_as
  check_node_arg "$n"
  take_lock
  set_deadline
  if ! pid=$(node_pid "$n"); then
    say "node $n ($(name_of "$n")) is not running"
    return 0
  fi
  if [ "$signal" = TERM ]; then
    say "stopping node $n ($(name_of "$n"), pid $pid) with SIGTERM"
    stop_pids "$pid"
    done_as=stopped
  else
    say "killing node $n ($(name_of "$n"), pid $pid) with SIGKILL"
    kill -KILL "$pid"
    # A killed node's exit frees its memory before it closes its sockets: seconds on a loaded
    # 2-core machine, once more than 30 s in CI; so the wait is the command's whole timeout.
    while alive_pid "$pid"; do
      past_deadline && die "pid $pid survived SIGKILL for ${TIMEOUT}s ($(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) state)"
      sleep 0.1
    done
    done_as=killed
  fi
  wait_seen "$n" down
  say "node $n $done_as; the other nodes report it down"
}

cmd_start_node() { # N
  check_node_arg "${1:-}"
  local n=$1
  [ -f "$MARKER" ] || die "no cluster in $BASE; run '$0 start' first"
  preflight
  take_lock
  set_deadline
  if node_pid "$n" >/dev/null && api_up "$n"; then
    say "node $n ($(name_of "$n")) is already running"
    return 0
  fi
  init_base
  ensure_epmd
  say "starting node $n ($(name_of "$n"))"
  launch_node "$n"
  wait_node_up "$n"
  wait_seen "$n" running
  say "node $n up; the other running nodes report it running"
}

join_by() { local IFS=,; echo "$*"; }

cmd_env() {
  local n names=() hosts=() amqp=() mgmt=() ap=() mp=() dp=()
  for n in "${NODES[@]}"; do
    names+=("$(name_of "$n")"); hosts+=("$(ip_of "$n")")
    amqp+=("amqp://$(ip_of "$n"):$(amqp_port "$n")"); mgmt+=("$(mgmt_url "$n")")
    ap+=("$(amqp_port "$n")"); mp+=("$(mgmt_port "$n")"); dp+=("$(dist_port "$n")")
  done
  cat <<EOF
TOPO_CLUSTER_DIR=$BASE
TOPO_CLUSTER_NAME=$CLUSTER_NAME
TOPO_CLUSTER_SIZE=${#NODES[@]}
TOPO_CLUSTER_NODES=$(join_by "${names[@]}")
TOPO_CLUSTER_HOSTS=$(join_by "${hosts[@]}")
TOPO_CLUSTER_AMQP_URLS=$(join_by "${amqp[@]}")
TOPO_CLUSTER_MGMT_URLS=$(join_by "${mgmt[@]}")
TOPO_CLUSTER_AMQP_PORTS=$(join_by "${ap[@]}")
TOPO_CLUSTER_MGMT_PORTS=$(join_by "${mp[@]}")
TOPO_CLUSTER_DIST_PORTS=$(join_by "${dp[@]}")
TOPO_CLUSTER_USER=$API_USER
TOPO_CLUSTER_PASSWORD=$API_PASSWORD
TOPO_CLUSTER_EPMD_PORT=$EPMD_PORT
TOPO_CLUSTER_USE_LONGNAME=true
TOPO_CLUSTER_ERLANG_COOKIE_FILE=$BASE/.erlang.cookie
EOF
}

cmd_status() {
  local n pid api json m states
  for n in "${NODES[@]}"; do
    if pid=$(node_pid "$n"); then
      api=down; json=''
      if json=$(nodes_json "$n"); then api=up; fi
      states=''
      if [ -n "$json" ]; then
        for m in "${NODES[@]}"; do states+=" c$m=$(member_state "$json" "$(name_of "$m")")"; done
      fi
      echo "node $n $(name_of "$n") pid=$pid rss=$(rss_mb "$pid")MB api=$api${states:+ sees:$states}"
    else
      echo "node $n $(name_of "$n") not running"
    fi
  done
  if pid=$(epmd_pid); then echo "epmd port=$EPMD_PORT pid=$pid"; else echo "epmd port=$EPMD_PORT not running"; fi
}

cmd_ctl() { # N ARGS...
  check_node_arg "${1:-}"
  [ -f "$MARKER" ] && epmd_pid >/dev/null || die "the cluster is not started (no private epmd on port $EPMD_PORT)"
  local n=$1; shift
  ctl_raw "$n" "$@"
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  stop-node) cmd_halt_node TERM "${2:-}" ;;
  kill-node) cmd_halt_node KILL "${2:-}" ;;
  start-node) cmd_start_node "${2:-}" ;;
  env) cmd_env ;;
  status) cmd_status ;;
  ctl) shift; cmd_ctl "$@" ;;
  *) die "unknown command '$1' (start, stop, stop-node N, kill-node N, start-node N, env, status, ctl N ARGS...)" ;;
esac
