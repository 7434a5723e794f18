# Process helpers shared by scripts/cluster-ready.sh and scripts/throwaway-node.sh, which start
# RabbitMQ nodes in the background and must tell a live node from a dead one. Sourced, not run.

# Close every fd above 2 in the current (sub)shell, e.g. the lock fd or a caller's pipe, so
# that a node started in the background does not hold it open after this script is gone.
close_extra_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

# A zombie counts as dead: PID 1 of some sandboxes never reaps orphans.
alive_pid() { [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null; }
