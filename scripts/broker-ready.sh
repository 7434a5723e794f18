#!/usr/bin/env bash
# Makes the local RabbitMQ ready for topo's integration tests: a running broker with the
# management plugin answering on :15672, and the shovel and federation plugins (with their
# management extensions) that shovels and federation upstreams need. Idempotent and quick when
# everything is up.
set -euo pipefail

MGMT_URL="${TOPO_URL:-http://127.0.0.1:15672}"
MGMT_URL="${MGMT_URL%%,*}"
USER_PASS="${TOPO_USER:-guest}:${TOPO_PASSWORD:-guest}"

PLUGINS="rabbitmq_management rabbitmq_shovel rabbitmq_shovel_management rabbitmq_federation rabbitmq_federation_management"

api_up() { curl -fs -o /dev/null -m 2 -u "$USER_PASS" "$MGMT_URL/api/overview"; }
# The management extensions of the shovel and federation plugins show that both are enabled.
plugins_up() {
  local ext; ext="$(curl -fs -m 2 -u "$USER_PASS" "$MGMT_URL/api/extensions")" || return 1
  case "$ext" in *shovel*) ;; *) return 1 ;; esac
  case "$ext" in *federation*) ;; *) return 1 ;; esac
}

if api_up && plugins_up; then exit 0; fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v rabbitmq-server >/dev/null 2>&1 && [ ! -x /usr/sbin/rabbitmq-server ]; then
  echo "broker-ready: installing rabbitmq-server from Debian's packages" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq rabbitmq-server >/dev/null
fi
export PATH="$PATH:/usr/sbin:/usr/lib/rabbitmq/bin"

# A broker that is not running answers `rabbitmqctl status` with an error.
if ! rabbitmqctl -q status >/dev/null 2>&1; then
  echo "broker-ready: starting rabbitmq-server" >&2
  as_root rabbitmq-server -detached
  for _ in $(seq 1 120); do
    rabbitmqctl -q await_startup >/dev/null 2>&1 && break
    sleep 0.5
  done
fi

# Enabling an enabled plugin is a no-op; a running node enables the others without a restart.
as_root rabbitmq-plugins enable --quiet $PLUGINS >/dev/null

for _ in $(seq 1 120); do
  if api_up; then exit 0; fi
  sleep 0.5
done
echo "broker-ready: the management API did not answer at $MGMT_URL/api/overview within 60s" >&2
exit 1
