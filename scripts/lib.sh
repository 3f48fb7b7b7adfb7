# Shared shell functions for the scripts in this folder. Source it after
# setting KC_ROOT (the repository root, derived from the calling script's own
# location), e.g.:
#   KC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
#   source "$KC_ROOT/scripts/lib.sh"

: "${KC_ROOT:?KC_ROOT must be set before sourcing scripts/lib.sh}"

kc_log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
kc_die() { kc_log "error: $*"; exit 1; }

kc_is_root() { [ "$(id -u)" -eq 0 ]; }

# Prefix for commands that need root (apt-get): nothing when root, sudo
# otherwise; fails when neither is possible.
kc_sudo() {
  if kc_is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    kc_die "need root or sudo to run: $*"
  fi
}

# True when the Debian package is installed.
kc_pkg_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Directory of the PostgreSQL server binaries (initdb, pg_ctl, postgres):
# KEYCARD_PG_BIN if set, else the newest /usr/lib/postgresql/N/bin (N >= 15).
kc_pg_bin() {
  if [ -n "${KEYCARD_PG_BIN:-}" ]; then
    printf '%s\n' "$KEYCARD_PG_BIN"
    return
  fi
  local best="" v dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] || continue
    v="$(basename "$(dirname "$dir")")"
    [[ "$v" =~ ^[0-9]+$ ]] && [ "$v" -ge 15 ] || continue
    if [ -z "$best" ] || [ "$v" -gt "$(basename "$(dirname "$best")")" ]; then best="$dir"; fi
  done
  [ -n "$best" ] || kc_die "no PostgreSQL >= 15 server binaries under /usr/lib/postgresql (run scripts/setup)"
  printf '%s\n' "$best"
}

# Runs a command as the PostgreSQL cluster owner: the postgres user when we
# are root (PostgreSQL refuses to run as root), ourselves otherwise.
kc_as_pg() {
  if kc_is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
kc_port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints a TCP port on 127.0.0.1 that nothing listens on right now.
kc_free_port() {
  local port i
  for i in $(seq 1 100); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! kc_port_in_use "$port"; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  kc_die "no free TCP port found"
}

# Waits until URL answers HTTP 200 (curl), at most $2 seconds (default 30).
kc_wait_http_ok() {
  local url="$1" timeout="${2:-30}" deadline
  deadline=$(( $(date +%s) + timeout ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null || true)" = "200" ]; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

# Replaces the database name of a postgresql:// URL: kc_pg_url_with_db URL DB
kc_pg_url_with_db() {
  local url="$1" db="$2"
  printf '%s/%s\n' "${url%/*}" "$db"
}
