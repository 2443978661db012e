#!/usr/bin/env bash
# Local PostgreSQL 15 and RabbitMQ instances for the test suite.
#
#   build/services.sh start  [postgres|rabbitmq]...   install if missing, start, wait until ready
#   build/services.sh stop   [postgres|rabbitmq]...   stop the instances this script runs
#   build/services.sh status [postgres|rabbitmq]...   exit 0 only if all named services run
#   build/services.sh env                             print export lines for the tests
#   build/services.sh rabbitmqctl ARGS...             rabbitmqctl against our node
#   build/services.sh psql ARGS...                    psql as the superuser (private socket)
#
# Both services run as their own OS users (postgres, rabbitmq) out of data
# directories under build/.services/, listen on 127.0.0.1 only and never touch
# the system-wide clusters/nodes the Debian packages set up.
#
# Ports can be moved with LRS_PG_PORT / LRS_RABBITMQ_PORT (defaults 55432 / 55672).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

PG_VERSION=15
PG_PORT="${LRS_PG_PORT:-55432}"
RMQ_PORT="${LRS_RABBITMQ_PORT:-55672}"
RMQ_DIST_PORT="${LRS_RABBITMQ_DIST_PORT:-$((RMQ_PORT + 10))}"
RMQ_EPMD_PORT="${LRS_RABBITMQ_EPMD_PORT:-$((RMQ_PORT + 11))}"
RMQ_NODE="${LRS_RABBITMQ_NODENAME:-lrs$RMQ_PORT@localhost}"
READY_TIMEOUT="${LRS_SERVICES_TIMEOUT:-120}"

PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
RMQ_SBIN="/usr/lib/rabbitmq/bin"

APP_USER=lrs
APP_PASSWORD=lrs
APP_DB=lrs

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- directories

# The data directories must be reachable by the postgres and rabbitmq users and
# the unix socket path must stay short (sun_path is 108 bytes). A checkout below
# an unreadable home directory, or a very deep one, gets its state under /var/tmp
# instead, keyed by the checkout path, and build/.services points there.
services_root() {
    local local_root="$REPO_ROOT/build/.services"
    if [[ -L "$local_root" ]]; then
        readlink -f "$local_root"
        return
    fi
    local ok=1
    if [[ ${#local_root} -gt 70 ]]; then
        ok=0
    elif id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$REPO_ROOT/build"; then
        ok=0
    elif ! (d="$REPO_ROOT/build"; while [[ "$d" != / ]]; do
                perms=$(stat -c %A "$d"); [[ "${perms:9:1}" == x || "${perms:9:1}" == t ]] || exit 1
                d=$(dirname "$d"); done); then
        ok=0
    fi
    if [[ $ok == 1 ]]; then
        echo "$local_root"
    else
        local key
        key=$(printf '%s' "$REPO_ROOT" | cksum | cut -d' ' -f1)
        echo "/var/tmp/lrs-services-$key"
    fi
}

ensure_root_dir() {
    local root local_root="$REPO_ROOT/build/.services"
    root=$(services_root)
    mkdir -p "$root"
    chmod 755 "$root"
    if [[ "$root" != "$local_root" && ! -e "$local_root" ]]; then
        mkdir -p "$REPO_ROOT/build"
        ln -s "$root" "$local_root"
    fi
    echo "$root"
}

ROOT=""
init_paths() {
    [[ -n "$ROOT" ]] && return
    if [[ "${1:-}" == create ]]; then ROOT=$(ensure_root_dir); else ROOT=$(services_root); fi
    PG_DIR="$ROOT/postgres"
    PG_DATA="$PG_DIR/data"
    PG_RUN="$PG_DIR/run"
    PG_LOG="$PG_DIR/postgres.log"
    RMQ_DIR="$ROOT/rabbitmq"
    RMQ_HOME="$RMQ_DIR/home"
    RMQ_LOG_DIR="$RMQ_DIR/log"
    RMQ_MNESIA="$RMQ_DIR/mnesia"
    RMQ_CONF="$RMQ_DIR/rabbitmq.conf"
    RMQ_PLUGINS_FILE="$RMQ_DIR/enabled_plugins"
    RMQ_ENV_FILE="$RMQ_DIR/rabbitmq-env.conf"
    RMQ_OUT="$RMQ_LOG_DIR/server-stdout.log"
}

# ---------------------------------------------------------------- installation

POLICY_RC=/usr/sbin/policy-rc.d
POLICY_RC_OURS=0
remove_policy_rc() {
    if [[ $POLICY_RC_OURS == 1 ]]; then
        rm -f "$POLICY_RC"
        POLICY_RC_OURS=0
    fi
}

apt_install() {
    [[ $(id -u) == 0 ]] || die "installing $* needs root (run as root or install the packages first)"
    command -v apt-get >/dev/null || die "apt-get not found; install $* by hand"
    export DEBIAN_FRONTEND=noninteractive
    # Keep the packages' init scripts from starting system-wide daemons: this
    # script runs its own instances. An existing policy-rc.d is left alone.
    if [[ ! -e "$POLICY_RC" ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$POLICY_RC"
        chmod 755 "$POLICY_RC"
        POLICY_RC_OURS=1
        trap remove_policy_rc EXIT
    fi
    local opts=(-y -q --no-install-recommends
        -o DPkg::Lock::Timeout=600
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
    local start=$SECONDS
    log "installing $* ..."
    # Only refresh the package lists when the install cannot find or fetch a
    # package with the lists at hand.
    if ! apt-get install "${opts[@]}" "$@" >"/tmp/lrs-apt-install.$$.log" 2>&1; then
        log "install failed with the current package lists; running apt-get update"
        apt-get update -q -o DPkg::Lock::Timeout=600 >/dev/null \
            || die "apt-get update failed"
        apt-get install "${opts[@]}" "$@" >"/tmp/lrs-apt-install.$$.log" 2>&1 \
            || { tail -n 30 "/tmp/lrs-apt-install.$$.log" >&2; die "apt-get install $* failed"; }
    fi
    rm -f "/tmp/lrs-apt-install.$$.log"
    remove_policy_rc
    log "installed $* in $((SECONDS - start))s"
}

ensure_postgres_installed() {
    if [[ -x "$PG_BIN/postgres" && -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" \
          && -x "$PG_BIN/pg_isready" && -x "$PG_BIN/psql" ]] && id postgres >/dev/null 2>&1; then
        return
    fi
    apt_install "postgresql-$PG_VERSION" "postgresql-client-$PG_VERSION"
}

ensure_rabbitmq_installed() {
    if [[ -x "$RMQ_SBIN/rabbitmq-server" && -x "$RMQ_SBIN/rabbitmqctl" ]] && id rabbitmq >/dev/null 2>&1; then
        return
    fi
    apt_install rabbitmq-server
}

ensure_node_installed() {
    if command -v node >/dev/null && command -v npm >/dev/null; then
        return
    fi
    apt_install nodejs npm
}

# Installs the npm packages of the client-library end-to-end tests (tests/EndToEnd.Tests/node).
install_node_packages() {
    ensure_node_installed
    local dir="$REPO_ROOT/tests/EndToEnd.Tests/node"
    log "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in $dir"
}

# ---------------------------------------------------------------- helpers

tcp_open() { # host port
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

as_postgres() { runuser -u postgres -- "$@"; }

# ---------------------------------------------------------------- PostgreSQL

pg_running() {
    [[ -f "$PG_DATA/PG_VERSION" ]] || return 1
    as_postgres "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1
}

psql_admin() { # runs as the postgres superuser over the private unix socket
    as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_RUN" -p "$PG_PORT" -d postgres "$@"
}

pg_init() {
    [[ -f "$PG_DATA/PG_VERSION" ]] && return
    log "initialising PostgreSQL cluster in $PG_DATA"
    rm -rf "$PG_DATA"
    mkdir -p "$PG_DATA" "$PG_RUN"
    chown -R postgres:postgres "$PG_DIR"
    chmod 700 "$PG_DATA"
    (cd / && as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres \
        --encoding=UTF8 --locale=C.UTF-8 --data-checksums \
        --auth-local=peer --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1) \
        || { cat "$PG_DIR/initdb.log" >&2; rm -rf "$PG_DATA"; die "initdb failed"; }
    cat >>"$PG_DATA/postgresql.conf" <<EOF

# ---- settings for the Lrs test instance (build/services.sh) ----
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_RUN'
unix_socket_permissions = 0700
max_connections = 200
shared_buffers = 512MB
effective_cache_size = 4GB
work_mem = 8MB
maintenance_work_mem = 128MB
max_wal_size = 2GB
# durability stays on: the product's guarantees are tested against it
fsync = on
synchronous_commit = on
full_page_writes = on
password_encryption = 'scram-sha-256'
logging_collector = off
log_min_messages = warning
log_line_prefix = '%m [%p] %q%u@%d '
timezone = 'UTC'
EOF
    # Loopback TCP with passwords only; the superuser only via the private socket.
    cat >"$PG_DATA/pg_hba.conf" <<EOF
# TYPE  DATABASE  USER      ADDRESS         METHOD
local   all       postgres                  peer
host    all       postgres  127.0.0.1/32    reject
host    all       all       127.0.0.1/32    scram-sha-256
EOF
    chown postgres:postgres "$PG_DATA/postgresql.conf" "$PG_DATA/pg_hba.conf"
}

pg_start() {
    ensure_postgres_installed
    if pg_running; then
        log "PostgreSQL already running on 127.0.0.1:$PG_PORT ($PG_DATA)"
    else
        if tcp_open 127.0.0.1 "$PG_PORT"; then
            die "port $PG_PORT is taken by another process; stop it or set LRS_PG_PORT"
        fi
        pg_init
        mkdir -p "$PG_RUN"
        chown postgres:postgres "$PG_DIR" "$PG_RUN"
        touch "$PG_LOG" && chown postgres:postgres "$PG_LOG"
        log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
        (cd / && as_postgres "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t "$READY_TIMEOUT" -s) \
            || { tail -n 30 "$PG_LOG" >&2; die "PostgreSQL did not start within ${READY_TIMEOUT}s (log: $PG_LOG)"; }
    fi
    local deadline=$((SECONDS + READY_TIMEOUT))
    until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; do
        (( SECONDS < deadline )) || { tail -n 30 "$PG_LOG" >&2; die "PostgreSQL not ready on 127.0.0.1:$PG_PORT after ${READY_TIMEOUT}s"; }
        sleep 0.5
    done
    pg_provision
}

pg_provision() {
    # Non-superuser application role (row-level security does not apply to
    # superusers or BYPASSRLS roles); CREATEDB so tests can make their own DBs,
    # pg_signal_backend so DROP DATABASE ... WITH (FORCE) can stop an autovacuum
    # worker still busy in a test database.
    (cd / && psql_admin <<EOF
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_USER') THEN
        CREATE ROLE $APP_USER LOGIN;
    END IF;
END
\$\$;
ALTER ROLE $APP_USER WITH LOGIN NOSUPERUSER NOBYPASSRLS CREATEDB NOCREATEROLE PASSWORD '$APP_PASSWORD';
GRANT pg_signal_backend TO $APP_USER;
SELECT 'CREATE DATABASE $APP_DB OWNER $APP_USER'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$APP_DB')
\gexec
EOF
    ) || die "could not create the $APP_USER role / database"
}

pg_stop() {
    if ! pg_running; then
        log "PostgreSQL not running"
        return
    fi
    log "stopping PostgreSQL"
    (cd / && as_postgres "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t "$READY_TIMEOUT" -s) \
        || die "PostgreSQL did not stop (data: $PG_DATA)"
}

# ---------------------------------------------------------------- RabbitMQ

# Everything the RabbitMQ server and its CLI tools need to find our node, and
# only our node: own node name, dirs, config, cookie (via HOME), epmd port.
rmq_env() {
    RMQ_ENV=(
        PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 LC_ALL=C.UTF-8
        HOME="$RMQ_HOME"
        RABBITMQ_NODENAME="$RMQ_NODE"
        RABBITMQ_USE_LONGNAME=false
        RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
        RABBITMQ_NODE_PORT="$RMQ_PORT"
        RABBITMQ_DIST_PORT="$RMQ_DIST_PORT"
        RABBITMQ_CONF_ENV_FILE="$RMQ_ENV_FILE"
        RABBITMQ_CONFIG_FILE="$RMQ_CONF"
        RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_DIR/advanced.config"
        RABBITMQ_MNESIA_BASE="$RMQ_MNESIA"
        RABBITMQ_LOG_BASE="$RMQ_LOG_DIR"
        RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_PLUGINS_FILE"
        RABBITMQ_PID_FILE="$RMQ_DIR/rabbitmq.pid"
        RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
        ERL_EPMD_ADDRESS=127.0.0.1
        ERL_EPMD_PORT="$RMQ_EPMD_PORT"
    )
}

as_rabbitmq() { # command with our node's environment, as the rabbitmq user
    rmq_env
    (cd "$RMQ_DIR" && runuser -u rabbitmq -- env -i "${RMQ_ENV[@]}" "$@")
}

rmqctl() { as_rabbitmq "$RMQ_SBIN/rabbitmqctl" -q -n "$RMQ_NODE" "$@"; }

# Is the Erlang VM of our node alive? Checked through its pid file (and that
# the pid is a beam with our HOME) so that asking does not make the CLI tools
# start an epmd for a node that is not there.
rmq_vm_alive() {
    local pid
    pid=$(cat "$RMQ_DIR/rabbitmq.pid" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-home $RMQ_HOME " || return 1
}

rmq_node_up() {
    [[ -x "$RMQ_SBIN/rabbitmqctl" ]] && id rabbitmq >/dev/null 2>&1 || return 1
    rmq_vm_alive || return 1
    rmqctl ping --timeout 10 >/dev/null 2>&1
}

rmq_running() {
    rmq_node_up && tcp_open 127.0.0.1 "$RMQ_PORT"
}

rmq_prepare() {
    mkdir -p "$RMQ_HOME" "$RMQ_LOG_DIR" "$RMQ_MNESIA"
    if [[ ! -s "$RMQ_HOME/.erlang.cookie" ]]; then
        # own cookie, so only tools using this directory can talk to the node
        head -c 30 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F' >"$RMQ_HOME/.erlang.cookie"
    fi
    chmod 400 "$RMQ_HOME/.erlang.cookie"
    : >"$RMQ_ENV_FILE"
    # no plugins at all: the management plugin stays off
    echo '[].' >"$RMQ_PLUGINS_FILE"
    cat >"$RMQ_CONF" <<EOF
# Lrs test node (build/services.sh): loopback only
listeners.tcp.default = 127.0.0.1:$RMQ_PORT
loopback_users.guest = true
log.console = false
log.file.level = info
disk_free_limit.absolute = 50MB
vm_memory_high_watermark.relative = 0.2
EOF
    echo '[].' >"$RMQ_DIR/advanced.config"
    chown -R rabbitmq:rabbitmq "$RMQ_DIR"
    chmod 700 "$RMQ_HOME"
}

rmq_start() {
    ensure_rabbitmq_installed
    if rmq_running; then
        log "RabbitMQ node $RMQ_NODE already running on 127.0.0.1:$RMQ_PORT"
    else
        if rmq_node_up; then
            die "RabbitMQ node $RMQ_NODE answers but 127.0.0.1:$RMQ_PORT does not; see $RMQ_LOG_DIR"
        fi
        local p
        for p in "$RMQ_PORT" "$RMQ_DIST_PORT"; do
            if tcp_open 127.0.0.1 "$p"; then
                die "port $p is taken by another process; stop it or set LRS_RABBITMQ_PORT"
            fi
        done
        rmq_prepare
        log "starting RabbitMQ node $RMQ_NODE on 127.0.0.1:$RMQ_PORT"
        # setsid: the node (and the epmd it spawns) outlives this shell and is
        # not hit by the caller's Ctrl-C; it is stopped with 'stop'.
        as_rabbitmq setsid "$RMQ_SBIN/rabbitmq-server" \
            </dev/null >"$RMQ_OUT" 2>&1 &
        local deadline=$((SECONDS + READY_TIMEOUT))
        until tcp_open 127.0.0.1 "$RMQ_PORT"; do
            if (( SECONDS >= deadline )); then
                tail -n 30 "$RMQ_OUT" >&2 || true
                die "RabbitMQ did not open 127.0.0.1:$RMQ_PORT within ${READY_TIMEOUT}s (logs: $RMQ_LOG_DIR)"
            fi
            if ! kill -0 $! 2>/dev/null; then
                tail -n 30 "$RMQ_OUT" >&2 || true
                die "RabbitMQ exited during start-up (logs: $RMQ_LOG_DIR)"
            fi
            sleep 1
        done
        rmqctl await_startup --timeout "$READY_TIMEOUT" >/dev/null \
            || die "RabbitMQ node $RMQ_NODE did not finish booting (logs: $RMQ_LOG_DIR)"
    fi
    rmq_provision
}

rmq_provision() {
    if ! rmqctl list_users --no-table-headers 2>/dev/null | awk '{print $1}' | grep -qx "$APP_USER"; then
        rmqctl add_user "$APP_USER" "$APP_PASSWORD" >/dev/null || die "could not create RabbitMQ user $APP_USER"
    else
        rmqctl change_password "$APP_USER" "$APP_PASSWORD" >/dev/null
    fi
    rmqctl set_permissions -p / "$APP_USER" '.*' '.*' '.*' >/dev/null \
        || die "could not grant RabbitMQ permissions to $APP_USER"
    # the default guest account is not needed
    if rmqctl list_users --no-table-headers 2>/dev/null | awk '{print $1}' | grep -qx guest; then
        rmqctl delete_user guest >/dev/null || true
    fi
}

rmq_stop() {
    if ! rmq_node_up; then
        log "RabbitMQ not running"
    else
        log "stopping RabbitMQ node $RMQ_NODE"
        rmqctl shutdown --timeout "$READY_TIMEOUT" >/dev/null 2>&1 \
            || rmqctl stop >/dev/null 2>&1 || true
    fi
    if rmq_vm_alive; then
        # not answering the CLI tools: end the VM we verified to be ours
        local pid i
        pid=$(cat "$RMQ_DIR/rabbitmq.pid")
        log "RabbitMQ VM $pid still alive; sending TERM"
        kill -TERM "$pid" 2>/dev/null || true
        for i in $(seq 1 30); do rmq_vm_alive || break; sleep 1; done
        if rmq_vm_alive; then kill -KILL "$pid" 2>/dev/null || true; sleep 1; fi
        rmq_vm_alive && die "RabbitMQ node $RMQ_NODE (pid $pid) did not stop"
    fi
    # The node started its own epmd on a private port; end it too (it refuses
    # while any node is still registered with it).
    if ! rmq_vm_alive && command -v epmd >/dev/null && tcp_open 127.0.0.1 "$RMQ_EPMD_PORT"; then
        epmd -port "$RMQ_EPMD_PORT" -kill >/dev/null 2>&1 || true
    fi
}

# ---------------------------------------------------------------- commands

services_from_args() {
    if [[ $# == 0 ]]; then echo "postgres rabbitmq"; return; fi
    local s
    for s in "$@"; do
        case "$s" in
            postgres|postgresql|pg) echo postgres ;;
            rabbitmq|rabbit|rmq) echo rabbitmq ;;
            *) die "unknown service '$s' (postgres, rabbitmq)" ;;
        esac
    done
}

print_env() {
    echo "export LRS_TEST_POSTGRES=\"Host=127.0.0.1;Port=$PG_PORT;Username=$APP_USER;Password=$APP_PASSWORD;Database=$APP_DB\""
    echo "export LRS_TEST_RABBITMQ=\"amqp://$APP_USER:$APP_PASSWORD@127.0.0.1:$RMQ_PORT/\""
}

main() {
    local cmd="${1:-}"
    shift || true
    case "$cmd" in
        start)
            [[ $(id -u) == 0 ]] || die "start needs root (it runs the services as the postgres / rabbitmq users)"
            init_paths create
            local s t0
            for s in $(services_from_args "$@"); do
                t0=$SECONDS
                case "$s" in postgres) pg_start ;; rabbitmq) rmq_start ;; esac
                log "$s ready ($((SECONDS - t0))s)"
            done
            ;;
        stop)
            init_paths
            local s
            for s in $(services_from_args "$@"); do
                case "$s" in postgres) pg_stop ;; rabbitmq) rmq_stop ;; esac
            done
            ;;
        status)
            init_paths
            local s rc=0
            for s in $(services_from_args "$@"); do
                case "$s" in
                    postgres)
                        if pg_running; then echo "postgres: running on 127.0.0.1:$PG_PORT"
                        else echo "postgres: stopped"; rc=3; fi ;;
                    rabbitmq)
                        if rmq_running; then echo "rabbitmq: running on 127.0.0.1:$RMQ_PORT (node $RMQ_NODE)"
                        else echo "rabbitmq: stopped"; rc=3; fi ;;
                esac
            done
            return $rc
            ;;
        env)
            init_paths
            print_env
            ;;
        node-packages) # node and npm if missing, then the client-library test packages
            install_node_packages
            ;;
        rabbitmqctl) # rabbitmqctl against our node, e.g. 'rabbitmqctl list_users'
            init_paths
            rmqctl "$@"
            ;;
        psql) # psql as the superuser over the private socket
            init_paths
            (cd / && as_postgres "$PG_BIN/psql" -X -h "$PG_RUN" -p "$PG_PORT" -d postgres "$@")
            ;;
        *)
            echo "usage: $0 {start|stop|status|env|node-packages|rabbitmqctl|psql} [postgres|rabbitmq]..." >&2
            exit 2
            ;;
    esac
}

main "$@"
