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

# A zombie (or a dead task not yet gone) counts as dead: PID 1 of some sandboxes never reaps orphans.
# The stat line is read once: a process that exits between a test of the file and its read
# counted as alive (a failed read made the "not a zombie" test true).
alive_pid() {
  local stat
  [ -n "${1:-}" ] && stat=$(cat "/proc/$1/stat" 2>/dev/null) && [ -n "$stat" ] || return 1
  stat=${stat##*) } # the state follows the last ')': a command name may hold one
  case ${stat:0:1} in Z | X) return 1 ;; esac
}
