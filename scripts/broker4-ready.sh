#!/usr/bin/env bash
# Makes a RabbitMQ 4.x node ready beside the host's RabbitMQ 3.10 (Debian 12 only ships 3.10),
# for tests that need 4.x behaviour. Usage:
#   scripts/broker4-ready.sh          build if needed, start if needed, wait for the management API
#   scripts/broker4-ready.sh stop     stop that node (never the host's broker)
#   scripts/broker4-ready.sh ctl ...  run rabbitmqctl against that node, e.g. `ctl list_queues`
#
# The node runs from a Debian chroot (newer suite => rabbitmq-server 4.x and a matching Erlang),
# so the host's packages are untouched. Defaults: AMQP 127.0.0.1:5673, management :15673, node
# rabbit4@localhost, distribution port 25673, epmd port 4370. Env overrides: TOPO_BROKER4_ROOT
# (cache dir, default /var/cache/topo/rabbitmq4), TOPO_BROKER4_AMQP_PORT, TOPO_BROKER4_MGMT_PORT,
# TOPO_BROKER4_DIST_PORT, TOPO_BROKER4_EPMD_PORT, TOPO_BROKER4_SUITES (default "forky sid trixie").
#
# Why the unusual steps:
# - The mirror comes from the host's apt sources at run time: the machine may only reach its own
#   (possibly frozen, snapshot-like) mirror, so no mirror host is written here.
# - Bookworm's debootstrap has no script for newer suites; sid's script builds any of them.
# - A frozen mirror's Release files are past Valid-Until, so apt in the chroot must not check it.
# - The signature is checked with the host's keyring when it verifies; otherwise (an archive key
#   newer than the host's keyring) we fall back to --no-check-gpg and trust the mirror explicitly.
# - policy-rc.d stops the package's maintainer scripts from starting a broker on default ports.
# - Own epmd port (ERL_EPMD_PORT) and distribution port: the host's epmd (4369) and node (25672)
#   keep running, and a second epmd on 4369 would fail or adopt the wrong node.
# - /proc (and /dev) are mounted in a private mount namespace (unshare -m), so nothing is mounted
#   on the host and the mounts vanish with the node's last process.
# - The node is started in its own session with stdin/stdout/stderr and the lock fd detached:
#   a caller piping our output (npm test | tee) would otherwise wait for the node to exit.
# - Commands in the chroot run with `env -i`: the caller's RABBITMQ_*/ERL_* variables must not leak.
set -euo pipefail

ME="broker4-ready"
ROOT="${TOPO_BROKER4_ROOT:-/var/cache/topo/rabbitmq4}"
RFS="$ROOT/rootfs"
MARKER="$ROOT/built"
AMQP_PORT="${TOPO_BROKER4_AMQP_PORT:-5673}"
MGMT_PORT="${TOPO_BROKER4_MGMT_PORT:-15673}"
DIST_PORT="${TOPO_BROKER4_DIST_PORT:-25673}"
EPMD_PORT="${TOPO_BROKER4_EPMD_PORT:-4370}"
SUITES="${TOPO_BROKER4_SUITES:-forky sid trixie}"
NODE="rabbit4@localhost"
PLUGINS="rabbitmq_management rabbitmq_shovel rabbitmq_shovel_management rabbitmq_federation rabbitmq_federation_management"
MGMT_URL="http://127.0.0.1:$MGMT_PORT"

say() { echo "$ME: $*" >&2; }
die() { echo "$ME: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot and unshare need it)"

api_up() { curl -fs -o /dev/null -m 2 -u guest:guest "$MGMT_URL/api/overview"; }
# The management extensions of the shovel and federation plugins show that both are enabled.
plugins_up() {
  local ext; ext="$(curl -fs -m 2 -u guest:guest "$MGMT_URL/api/extensions")" || return 1
  case "$ext" in *shovel*) ;; *) return 1 ;; esac
  case "$ext" in *federation*) ;; *) return 1 ;; esac
}

# The environment every command in the chroot gets, for the server and the CLI alike.
# RABBITMQ_MAX_OPEN_FILES: the package's `su rabbitmq` drops the soft fd limit to 1024, which
# caps connections; the server script raises it again (to the hard limit, at most 65536).
node_env() {
  local hard; hard="$(ulimit -Hn)"
  if [ "$hard" = unlimited ] || [ "$hard" -gt 65536 ]; then hard=65536; fi
  echo env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    RABBITMQ_NODENAME="$NODE" RABBITMQ_DIST_PORT="$DIST_PORT" RABBITMQ_MAX_OPEN_FILES="$hard" \
    ERL_EPMD_PORT="$EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1
}

# `"${IN_CHROOT[@]}" DIR CMD...` runs CMD chrooted in DIR, with /proc and /dev mounted only in a
# private mount namespace. An array rather than a function so that setsid can exec it.
IN_CHROOT=(unshare -m --propagation private -- sh -c '
  set -e
  dir="$1"; shift
  mount -t proc proc "$dir/proc"
  mount --rbind /dev "$dir/dev"
  exec chroot "$dir" "$@"' sh)
in_chroot() { "${IN_CHROOT[@]}" "$@"; }

# PIDs of processes whose root is the chroot (the node, its epmd, CLI runs); $1 filters by name.
chroot_pids() {
  local real p
  real="$(readlink -f "$RFS")"
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$real" ] || continue
    if [ -n "${1:-}" ] && [ "$(cat "$p/comm" 2>/dev/null)" != "$1" ]; then continue; fi
    echo "${p#/proc/}"
  done
}
node_running() { [ -d "$RFS" ] && [ -n "$(chroot_pids beam.smp)" ]; }

ctl() { in_chroot "$RFS" $(node_env) rabbitmqctl -n "$NODE" "$@"; }

# ---------------------------------------------------------------------------------------------
# Build

# "URI" lines from the host's apt sources, main-archive entries (suite = host codename) first.
apt_uris() {
  local codename f
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  {
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [ -f "$f" ] || continue
      sed -nE 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+)[[:space:]]+([^[:space:]]+).*/\3 \2/p' "$f"
    done
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] || continue
      awk '
        function flush() {
          if (types ~ /(^| )deb( |$)/ && enabled != "no")
            for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print s[j], u[i]
          types = ""; enabled = ""; nu = 0; ns = 0
        }
        /^[[:space:]]*#/ { next }
        /^[[:space:]]*$/ { flush(); next }
        tolower($1) == "types:" { $1 = ""; types = $0 " "; sub(/^ +/, "", types) }
        tolower($1) == "enabled:" { enabled = tolower($2) }
        tolower($1) == "uris:" { for (i = 2; i <= NF; i++) u[++nu] = $i }
        tolower($1) == "suites:" { for (i = 2; i <= NF; i++) s[++ns] = $i }
        END { flush() }' "$f"
    done
  } | awk -v c="$codename" '{ sub(/\/+$/, "", $2); print ($1 == c ? 0 : 1), $2 }' \
    | sort -s -k1,1n | awk '$2 ~ /^(https?|ftp|file):/ && !seen[$2]++ { print $2 }'
}

ensure_debootstrap() {
  command -v debootstrap >/dev/null 2>&1 && return 0
  say "installing debootstrap on the host (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq debootstrap >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq debootstrap >/dev/null 2>&1 || die "apt-get install debootstrap failed"
  fi
}

# Removes a (partial) chroot; refuses to cross into anything still mounted in it.
remove_tree() {
  [ -e "$1" ] || return 0
  if grep -qF " $(readlink -f "$1")/" /proc/self/mountinfo; then
    die "$1 still has mounts; unmount them and retry"
  fi
  rm -rf --one-file-system "$1"
}

# Builds $RFS from the first suite whose rabbitmq-server is 4.x; writes $MARKER.
build() {
  local mirror="" uri suite script gpg_opt trusted tmp log cand ver erl
  ensure_debootstrap
  mkdir -p "$ROOT"
  log="$ROOT/build.log"; : >"$log"
  for suite in $SUITES; do
    mirror=""
    for uri in $(apt_uris); do
      if curl -fsI -m 15 "$uri/dists/$suite/Release" >/dev/null 2>&1; then mirror="$uri"; break; fi
    done
    if [ -z "$mirror" ]; then say "suite $suite not found on the host's apt mirrors, trying the next"; continue; fi

    script="/usr/share/debootstrap/scripts/$suite"
    [ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid
    gpg_opt=(--keyring=/usr/share/keyrings/debian-archive-keyring.gpg); trusted=""
    if ! curl -fs -m 30 "$mirror/dists/$suite/InRelease" 2>>"$log" \
        | gpgv --keyring /usr/share/keyrings/debian-archive-keyring.gpg >>"$log" 2>&1; then
      gpg_opt=(--no-check-gpg); trusted="[trusted=yes] "
    fi
    local extra=()
    case "$mirror" in https:*) extra=(--include=ca-certificates) ;; esac

    tmp="$RFS.partial"
    remove_tree "$tmp"
    say "debootstrap $suite from $mirror into $tmp${trusted:+ (signature not checkable with the host keyring: --no-check-gpg)}"
    # debootstrap mounts /proc and /sys in the target; a private namespace keeps that off the host.
    if ! unshare -m --propagation private -- debootstrap --variant=minbase "${gpg_opt[@]}" "${extra[@]}" \
        "$suite" "$tmp" "$mirror" "$script" >>"$log" 2>&1; then
      die "debootstrap $suite failed; see $log"
    fi

    printf 'Acquire::Check-Valid-Until "false";\nAPT::Install-Recommends "false";\nAcquire::Languages "none";\n' \
      >"$tmp/etc/apt/apt.conf.d/99topo"
    echo "deb ${trusted}$mirror $suite main" >"$tmp/etc/apt/sources.list"
    printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"; chmod 755 "$tmp/usr/sbin/policy-rc.d"
    printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$tmp/etc/hosts"

    say "apt-get install rabbitmq-server in the $suite chroot"
    in_chroot "$tmp" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
      DEBIAN_FRONTEND=noninteractive apt-get update >>"$log" 2>&1 || die "apt-get update in the chroot failed; see $log"
    cand="$(in_chroot "$tmp" env -i PATH=/usr/bin:/bin LANG=C.UTF-8 apt-cache policy rabbitmq-server 2>>"$log" \
      | awk '/Candidate:/ { print $2 }')"
    case "$cand" in
      4.*) ;;
      *) say "$suite has rabbitmq-server '${cand:-none}', not 4.x; trying the next suite"
         remove_tree "$tmp"; continue ;;
    esac
    in_chroot "$tmp" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
      DEBIAN_FRONTEND=noninteractive apt-get install -y rabbitmq-server >>"$log" 2>&1 \
      || die "apt-get install rabbitmq-server in the chroot failed; see $log"
    in_chroot "$tmp" apt-get clean >>"$log" 2>&1 || true

    ver="$(chroot "$tmp" dpkg-query -W -f '${Version}' rabbitmq-server)"
    erl="$(chroot "$tmp" dpkg-query -W -f '${Version}' erlang-base 2>/dev/null || echo unknown)"
    remove_tree "$RFS"
    mv "$tmp" "$RFS"
    printf 'suite=%s\nmirror=%s\nrabbitmq-server=%s\nerlang-base=%s\n' "$suite" "$mirror" "$ver" "$erl" >"$MARKER"
    say "built: $suite, rabbitmq-server $ver, erlang-base $erl ($(du -sh --one-file-system "$RFS" | cut -f1))"
    return 0
  done
  die "no suite of '$SUITES' with rabbitmq-server 4.x on the host's apt mirrors; see $log"
}

# ---------------------------------------------------------------------------------------------
# Start / stop

# Rewritten at every start, so port overrides take effect without a rebuild.
configure() {
  mkdir -p "$RFS/etc/rabbitmq"
  cat >"$RFS/etc/rabbitmq/rabbitmq.conf" <<EOF
# Written by scripts/broker4-ready.sh at each start.
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
EOF
  echo "[$(echo $PLUGINS | tr ' ' ',')]." >"$RFS/etc/rabbitmq/enabled_plugins"
  # rabbitmq-env.conf is read by the server and by the CLI: pins the distribution to loopback.
  cat >"$RFS/etc/rabbitmq/rabbitmq-env.conf" <<EOF
# Written by scripts/broker4-ready.sh at each start.
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
EOF
  chmod 644 "$RFS/etc/rabbitmq/rabbitmq.conf" "$RFS/etc/rabbitmq/enabled_plugins" "$RFS/etc/rabbitmq/rabbitmq-env.conf"
}

port_taken() { [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }

start_node() {
  local p
  for p in "$AMQP_PORT" "$MGMT_PORT" "$DIST_PORT"; do
    port_taken "$p" && die "port $p is already in use by another process; set TOPO_BROKER4_*_PORT"
  done
  if port_taken "$EPMD_PORT" && [ -z "$(chroot_pids epmd)" ]; then
    die "epmd port $EPMD_PORT is in use by another process; set TOPO_BROKER4_EPMD_PORT"
  fi
  configure
  say "starting $NODE (AMQP 127.0.0.1:$AMQP_PORT, management :$MGMT_PORT, epmd :$EPMD_PORT; log $ROOT/node.log)"
  # setsid: own session, so the caller's terminal/process group signals do not reach it.
  # 9>&-: the build lock must not be inherited, or it would be held for the node's lifetime.
  setsid "${IN_CHROOT[@]}" "$RFS" $(node_env) rabbitmq-server </dev/null >>"$ROOT/node.log" 2>&1 9>&- &
  LAUNCHER=$!
  disown || true
}

stop_node() {
  if ! [ -d "$RFS" ] || [ -z "$(chroot_pids)" ]; then say "$NODE is not running"; return 0; fi
  if [ -n "$(chroot_pids beam.smp)" ]; then
    say "stopping $NODE"
    ctl stop >>"$ROOT/node.log" 2>&1 || say "rabbitmqctl stop failed; see $ROOT/node.log"
  fi
  for _ in $(seq 1 60); do [ -z "$(chroot_pids beam.smp)" ] && break; sleep 0.5; done
  # The chroot's epmd outlives the node; killing it lets the private mount namespace go away.
  # It refuses while a node is still registered, hence after beam.smp has gone.
  in_chroot "$RFS" $(node_env) epmd -kill >/dev/null 2>&1 || true
  for _ in $(seq 1 20); do [ -z "$(chroot_pids)" ] && break; sleep 0.5; done
  local left; left="$(chroot_pids)"
  if [ -n "$left" ]; then
    say "terminating leftover chroot processes: $(echo $left)"
    kill $left 2>/dev/null || true
    sleep 2
    left="$(chroot_pids)"; [ -z "$left" ] || kill -9 $left 2>/dev/null || true
  fi
  say "$NODE stopped"
}

# ---------------------------------------------------------------------------------------------

cmd="${1:-start}"
case "$cmd" in
  start) ;;
  stop)
    mkdir -p "$ROOT"; exec 9>"$ROOT/.lock"; flock 9
    stop_node; exit 0 ;;
  ctl)
    shift; node_running || die "$NODE is not running"
    ctl "$@"; exit $? ;;
  *) die "unknown command '$cmd' (use: start, stop, ctl ...)" ;;
esac

# A node started by an older version of this script may lack some of $PLUGINS: a running node
# enables them without a restart, and enabling an enabled plugin is a no-op.
ensure_plugins() {
  plugins_up && return 0
  say "enabling $PLUGINS on $NODE"
  in_chroot "$RFS" $(node_env) rabbitmq-plugins -n "$NODE" enable --quiet $PLUGINS >/dev/null \
    || die "rabbitmq-plugins enable failed on $NODE"
}

if api_up && plugins_up; then exit 0; fi

mkdir -p "$ROOT"
# One build/start at a time: parallel test runners may call this together.
exec 9>"$ROOT/.lock"
flock -w 600 9 || die "timed out waiting for another $ME run (lock $ROOT/.lock)"
if api_up; then ensure_plugins; exit 0; fi

if [ ! -f "$MARKER" ] || [ ! -x "$RFS/usr/sbin/rabbitmq-server" ]; then
  say "no 4.x chroot at $RFS yet; building it (~30-60 s, ~300 MB)"
  build
fi

if node_running; then
  say "$NODE is already running; waiting for its management API"
else
  start_node
fi

say "waiting for $MGMT_URL/api/overview"
for _ in $(seq 1 180); do
  if api_up; then
    ensure_plugins
    say "ready: $(sed -n 's/^rabbitmq-server=//p' "$MARKER" 2>/dev/null) at $MGMT_URL"; exit 0
  fi
  if [ -n "${LAUNCHER:-}" ] && ! kill -0 "$LAUNCHER" 2>/dev/null && ! node_running; then
    die "$NODE exited during startup; see $ROOT/node.log and $RFS/var/log/rabbitmq/"
  fi
  sleep 0.5
done
die "the management API did not answer at $MGMT_URL/api/overview within 90s; see $ROOT/node.log"
