#!/usr/bin/env bash
# The one test command (README, CI): installs what the tests need, starts PostgreSQL on loopback with
# its own data directory under .test-services/, Redis, HAProxy in front of two loopback node ports, Dovecot
# (IMAP, one throw-away mailbox), runs every test of ChildProtection.sln and prints, as
# its last line, "N passed, N failed, N skipped". Exits non-zero when a test failed, the build failed
# or no test ran.
#
#   tools/test.sh                                 every test of the solution
#   tools/test.sh tests/ChildProtection.Core.Tests one test project (services are started all the same)
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
services="$repo/.test-services"
results="$services/results"
target="${1:-$repo/ChildProtection.sln}"
mkdir -p "$services"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'test.sh: %s\n' "$*" >&2; echo "0 passed, 1 failed"; exit 1; }

# Two runs in one work tree would share the data directory and the results folder: take turns. Long-
# lived children (the server, compiler servers started by the build) get the lock closed (9>&-).
exec 9>"$services/lock"
flock -w 3600 9 || fail "another tools/test.sh run holds $services/lock"

# --- what the tests need from Debian -------------------------------------------------------------
# The newest installed server (a client-only version directory has no postgres binary).
pg_bin() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
        [[ -x "$dir/postgres" && -x "$dir/initdb" ]] && { echo "$dir"; return; }
    done
}

install_missing() {
    local missing=()
    [[ -n "$(pg_bin)" ]] || missing+=(postgresql)
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    # Vietnamese glyphs in browser screenshots.
    dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q 'ok installed' || missing+=(fonts-noto-core)
    # The site's default time zone must exist for settings to validate.
    [[ -e /usr/share/zoneinfo/Asia/Ho_Chi_Minh ]] || missing+=(tzdata)
    # The build installs the admin's rich-text editor (Quill) with npm (src/ChildProtection.Admin/ClientLibs).
    command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
    # Scale-out mode's shared output cache and key ring (tests of two nodes sharing one Redis).
    [[ -x /usr/bin/redis-server ]] || missing+=(redis-server)
    # The load balancer in front of the two site processes of the scale-out tests (ChildProtection.ScaleOut.Tests).
    [[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
    # The bounce mailbox the notice tests read over IMAP (ChildProtection.Notices.Tests).
    [[ -x /usr/sbin/dovecot ]] || missing+=(dovecot-imapd)
    ((${#missing[@]} == 0)) && return 0
    if [[ $(id -u) -ne 0 ]]; then
        echo "Not root: cannot install ${missing[*]}; tests that need them will fail (CP_TEST_REQUIRE_SERVICES=1)." >&2
        return 0
    fi
    say "Installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || fail "apt-get update failed"
    # Debian's postgresql package starts a cluster of its own on 5432 (and haproxy and dovecot their
    # services with Debian's config); the tests use their own servers,
    # so forbid service starts during the install (policy-rc.d 101), unless the machine has a policy.
    local policy=""
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy=1
    fi
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$services/apt.log" 2>&1
    local rc=$?
    [[ -n "$policy" ]] && rm -f /usr/sbin/policy-rc.d
    ((rc == 0)) || { tail -n 30 "$services/apt.log" >&2; fail "apt-get install ${missing[*]} failed"; }
}

# --- PostgreSQL on 127.0.0.1, owned by the postgres system user (it refuses to run as root) -----------
# The data directory lives under .test-services/ unless the postgres user cannot reach the work tree
# (a clone under /root): then under /tmp, remembered in .test-services/postgres-root for the next run.
pg_root=""
pg_data=""
pg_run=""
pg_started=""

use_pg_root() { pg_root="$1"; pg_data="$1/data"; pg_run="$1/run"; }

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_postgres() {
    [[ -f "$pg_data/postmaster.pid" ]] || return 0
    as_postgres "$PGBIN/pg_ctl" -D "$pg_data" -m fast -w -t 30 stop >/dev/null 2>&1 && return 0
    # pg_ctl could not stop it (a run killed half-way, a data directory left half-made): end that one
    # server by the pid it wrote, and only if that pid really is a postgres process.
    local pid
    pid="$(head -n 1 "$pg_data/postmaster.pid" 2>/dev/null)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres* ]]; then
        kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

random_hex() { head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

start_postgres() {
    PGBIN="$(pg_bin)"
    [[ -n "$PGBIN" ]] || fail "PostgreSQL server binaries not found under /usr/lib/postgresql"
    # Whatever an earlier run left behind (killed half-way, or a server still running) goes first.
    local previous
    for previous in "$services/postgres" "$(cat "$services/postgres-root" 2>/dev/null)"; do
        [[ -n "$previous" && -d "$previous" ]] || continue
        use_pg_root "$previous"
        stop_postgres
        rm -rf "$previous"
    done
    rm -f "$services/postgres-root"

    use_pg_root "$services/postgres"
    mkdir -p "$pg_data" "$pg_run"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R postgres:postgres "$pg_root"
        if ! as_postgres test -w "$pg_data"; then
            rm -rf "$pg_root"
            use_pg_root "$(mktemp -d /tmp/cp-test-postgres.XXXXXX)"
            echo "$pg_root" >"$services/postgres-root"
            mkdir -p "$pg_data" "$pg_run"
            chown -R postgres:postgres "$pg_root"
        fi
    fi
    chmod 700 "$pg_data"

    local superpw password port log="$pg_root/server.log"
    superpw="$(random_hex)"
    password="$(random_hex)"
    printf '%s\n' "$superpw" >"$pg_root/superpw" && chmod 600 "$pg_root/superpw"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$pg_root/superpw"
    as_postgres "$PGBIN/initdb" -D "$pg_data" -U postgres --pwfile="$pg_root/superpw" -E UTF8 --locale=C.UTF-8 \
        --auth-local=peer --auth-host=scram-sha-256 >"$pg_root/initdb.log" 2>&1 \
        || { cat "$pg_root/initdb.log" >&2; fail "initdb failed"; }

    # Tests create and drop many small databases: durability buys nothing here and costs seconds.
    cat >>"$pg_data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pg_run'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
# Autovacuum workers (owned by the superuser) would sit in a test database and make the test role's
# DROP DATABASE ... WITH (FORCE) fail: nothing here lives long enough to need vacuuming.
autovacuum = off
EOF
    local attempt started=""
    for attempt in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 20000))
        port_in_use "$port" && continue
        # 9>&-: the server must not inherit the lock, or a run killed half-way would block the next one.
        if as_postgres "$PGBIN/pg_ctl" -D "$pg_data" -l "$log" -o "-p $port" -w -t 60 start >/dev/null 2>&1 9>&-; then
            started=1
            break
        fi
    done
    [[ -n "$started" ]] || { tail -n 20 "$log" >&2; fail "PostgreSQL did not start"; }
    pg_started=1

    as_postgres "$PGBIN/psql" -h "$pg_run" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE cp_test LOGIN CREATEDB PASSWORD '$password'" >/dev/null \
        || fail "could not create the test role"
    export CP_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=cp_test;Password=$password;Database=postgres"
    echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in ${pg_data#"$repo"/})"
}

# --- Redis on 127.0.0.1, in memory only, its files under .test-services/redis -----------------------
redis_pid=""
start_redis() {
    [[ -x /usr/bin/redis-server ]] || fail "redis-server not found"
    local dir="$services/redis" port attempt
    # A server an earlier run left behind (killed half-way) goes first.
    if [[ -f "$dir/pid" ]]; then
        local old; old="$(cat "$dir/pid")"
        [[ "$old" =~ ^[0-9]+$ && "$(cat "/proc/$old/comm" 2>/dev/null)" == redis-server* ]] && kill -TERM "$old" 2>/dev/null
    fi
    rm -rf "$dir" && mkdir -p "$dir"
    for attempt in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 20000))
        port_in_use "$port" && continue
        /usr/bin/redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --protected-mode yes \
            --dir "$dir" --logfile "$dir/server.log" >/dev/null 2>&1 9>&- &
        redis_pid=$!
        echo "$redis_pid" >"$dir/pid"
        local waited
        for waited in $(seq 1 50); do
            port_in_use "$port" && break
            sleep 0.1
        done
        if port_in_use "$port"; then
            export CP_TEST_REDIS="127.0.0.1:$port"
            echo "Redis $(/usr/bin/redis-server --version | awk '{print $3}' | sed 's/v=//') on 127.0.0.1:$port"
            return 0
        fi
        kill -TERM "$redis_pid" 2>/dev/null
        redis_pid=""
    done
    tail -n 20 "$dir/server.log" >&2
    fail "Redis did not start"
}

# --- HAProxy on 127.0.0.1 in front of two node ports the scale-out tests' site processes bind ----------
# Its config is written here, never Debian's /etc/haproxy. The nodes are not running yet: HAProxy marks
# them down until a test starts a site process on the port, and up again 2 checks after it answers
# /health/ready. The tests read the frontend, the node ports and the stats page (CSV) from the variables.
haproxy_pid=""
free_port() {
    local port attempt
    for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 20000))
        port_in_use "$port" || { echo "$port"; return 0; }
    done
    return 1
}

start_haproxy() {
    [[ -x /usr/sbin/haproxy ]] || fail "haproxy not found"
    local dir="$services/haproxy" front node_a node_b stats
    if [[ -f "$dir/pid" ]]; then
        local old; old="$(cat "$dir/pid")"
        [[ "$old" =~ ^[0-9]+$ && "$(cat "/proc/$old/comm" 2>/dev/null)" == haproxy* ]] && kill -TERM "$old" 2>/dev/null
    fi
    rm -rf "$dir" && mkdir -p "$dir"
    front="$(free_port)" && node_a="$(free_port)" && node_b="$(free_port)" && stats="$(free_port)" \
        || fail "no free loopback port for HAProxy"
    # deploy/haproxy.cfg with loopback ports (its comments say why each setting), plus a stats page.
    sed -e "s/^\( *bind \).*/\1127.0.0.1:$front/" \
        -e "s/^\( *server node1 \)[^ ]*/\1127.0.0.1:$node_a/" \
        -e "s/^\( *server node2 \)[^ ]*/\1127.0.0.1:$node_b/" \
        "$repo/deploy/haproxy.cfg" >"$dir/haproxy.cfg"
    printf 'listen stats\n    bind 127.0.0.1:%s\n    stats enable\n    stats uri /stats\n' "$stats" >>"$dir/haproxy.cfg"
    /usr/sbin/haproxy -c -q -f "$dir/haproxy.cfg" >"$dir/check.log" 2>&1 || { cat "$dir/check.log" >&2; fail "HAProxy refused its config"; }
    /usr/sbin/haproxy -db -f "$dir/haproxy.cfg" >"$dir/haproxy.log" 2>&1 9>&- &
    haproxy_pid=$!
    echo "$haproxy_pid" >"$dir/pid"
    local waited
    for waited in $(seq 1 50); do
        port_in_use "$front" && break
        sleep 0.1
    done
    port_in_use "$front" || { tail -n 20 "$dir/haproxy.log" >&2; fail "HAProxy did not start"; }
    export CP_TEST_HAPROXY="127.0.0.1:$front"
    export CP_TEST_HAPROXY_NODES="127.0.0.1:$node_a,127.0.0.1:$node_b"
    export CP_TEST_HAPROXY_STATS="127.0.0.1:$stats"
    echo "HAProxy $(/usr/sbin/haproxy -v | awk 'NR==1{print $3}') on 127.0.0.1:$front (nodes 127.0.0.1:$node_a, 127.0.0.1:$node_b)"
}

# --- Dovecot (IMAP) on 127.0.0.1 with one throw-away mailbox, everything under .test-services/dovecot --
# Its own config (never Debian's /etc/dovecot), a passwd-file with a random password, maildir storage.
# The mail processes run as nobody when we are root (Dovecot refuses root for mail), else as ourselves.
dovecot_pid=""
start_dovecot() {
    [[ -x /usr/sbin/dovecot ]] || fail "dovecot not found"
    local dir="$services/dovecot" port password mail_user login_user internal_user
    if [[ -f "$dir/pid" ]]; then
        local old; old="$(cat "$dir/pid")"
        [[ "$old" =~ ^[0-9]+$ && "$(cat "/proc/$old/comm" 2>/dev/null)" == dovecot* ]] && kill -TERM "$old" 2>/dev/null && sleep 0.5
    fi
    rm -rf "$dir" && mkdir -p "$dir/run" "$dir/state" "$dir/mail"
    port="$(free_port)" || fail "no free loopback port for Dovecot"
    password="$(random_hex)"
    if [[ $(id -u) -eq 0 ]]; then
        mail_user=nobody login_user=dovenull internal_user=dovecot
        id dovenull >/dev/null 2>&1 || login_user=nobody
        id dovecot >/dev/null 2>&1 || internal_user=nobody
        chown "$mail_user" "$dir/mail"
    else
        mail_user="$(id -un)" login_user="$(id -un)" internal_user="$(id -un)"
    fi
    printf 'bounces:{PLAIN}%s\n' "$password" >"$dir/passwd"
    chmod 644 "$dir/passwd"
    cat >"$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = $internal_user
default_login_user = $login_user
first_valid_uid = 1
mail_location = maildir:$dir/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = static
  args = uid=$mail_user gid=$(id -gn "$mail_user") home=$dir/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
CONF
    /usr/sbin/dovecot -F -c "$dir/dovecot.conf" >"$dir/stdout.log" 2>&1 9>&- &
    dovecot_pid=$!
    echo "$dovecot_pid" >"$dir/pid"
    local waited
    for waited in $(seq 1 50); do
        port_in_use "$port" && break
        sleep 0.1
    done
    port_in_use "$port" || { tail -n 20 "$dir/dovecot.log" "$dir/stdout.log" >&2; fail "Dovecot did not start"; }
    export CP_TEST_IMAP="127.0.0.1:$port:bounces:$password"
    echo "Dovecot $(/usr/sbin/dovecot --version | awk '{print $1}') on 127.0.0.1:$port (mail in ${dir#"$repo"/})"
}

dotnet_pid=""
cleanup() {
    [[ -n "$dotnet_pid" ]] && kill -TERM "$dotnet_pid" 2>/dev/null && wait "$dotnet_pid" 2>/dev/null
    [[ -n "$pg_started" ]] && stop_postgres
    [[ -n "$redis_pid" ]] && kill -TERM "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
    [[ -n "$haproxy_pid" ]] && kill -TERM "$haproxy_pid" 2>/dev/null && wait "$haproxy_pid" 2>/dev/null
    [[ -n "$dovecot_pid" ]] && kill -TERM "$dovecot_pid" 2>/dev/null && wait "$dovecot_pid" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- run ------------------------------------------------------------------------------------------
install_missing
say "Starting services"
start_postgres
start_redis
start_haproxy
start_dovecot
if [[ -x /usr/bin/chromium ]]; then export CP_TEST_CHROMIUM=/usr/bin/chromium; fi
# From here a missing service fails its tests instead of skipping them.
export CP_TEST_REQUIRE_SERVICES=1

rm -rf "$results"
mkdir -p "$results"
say "dotnet test ${target#"$repo"/} (Release)"
cd "$repo"
# A hung test must not eat CI's 90 minutes: blame ends the test host and names the test. dotnet runs
# in the background so that INT/TERM reach the trap at once (bash defers traps during a foreground
# command); tail shows its output as it comes.
# TRX default file names are unique per test assembly (a LogFilePrefix only adds the second).
# The log exists before tail opens it (tail would otherwise race the redirect and lose the live view).
: >"$results/dotnet-test.log"
dotnet test "$target" -c Release --nologo -v q \
    --logger trx --results-directory "$results" \
    --blame-hang-timeout 15m --blame-hang-dump-type none \
    >"$results/dotnet-test.log" 2>&1 9>&- &
dotnet_pid=$!
# NU1603 (a dependency's version resolved one higher) is accepted in Directory.Build.props and repeated
# per project: left out of the live view, kept in the log.
tail -n +1 -f --pid="$dotnet_pid" "$results/dotnet-test.log" 9>&- | grep --line-buffered -v ': warning NU1603:' &
tail_pid=$!
wait "$dotnet_pid"
dotnet_rc=$?
dotnet_pid=""
wait "$tail_pid"

# --- summary from every TRX file: failed tests first, the counts last --------------------------------
say "Summary"
shopt -s nullglob
trx_files=("$results"/*.trx)
reported=$(grep -c '^Results File: ' "$results/dotnet-test.log")
perl "$repo/tools/trx-summary.pl" "${trx_files[@]}" >"$results/summary.txt"
summary_rc=$?
counts="$(tail -n 1 "$results/summary.txt")"
head -n -1 "$results/summary.txt"
read -r passed failed skipped <<<"$(echo "$counts" | awk '{print $1, $3, $5}')"
status=0
if ((${#trx_files[@]} == 0)); then
    echo "No test results were written: the build failed or no test project ran."
    status=1
fi
if ((reported > ${#trx_files[@]})); then
    echo "$reported test runs reported results but only ${#trx_files[@]} TRX files exist: counts would be incomplete."
    status=1
fi
if ((dotnet_rc != 0 && failed == 0)); then
    echo "dotnet test exited with $dotnet_rc without a failed test: the build failed or a test host crashed (see above)."
    status=1
    failed=$((failed + 1))
fi
((summary_rc != 0 || failed > 0)) && status=1
if ((passed + failed == 0)); then
    echo "No test ran."
    status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
