#!/usr/bin/env bash
# A RabbitMQ broker on loopback for the queue tests and the fault runs: Debian's rabbitmq-server (installed when
# missing), a node of its own (plates@localhost) with fresh state in a temporary folder, listening on 127.0.0.1 only.
#
#   bash scripts/broker.sh start    # installs if needed, starts, waits until it answers (prints the AMQP URI)
#   bash scripts/broker.sh stop     # stops the node and deletes its state
#   bash scripts/broker.sh restart  # stops and starts the node keeping its state (durable queues survive)
#   bash scripts/broker.sh status   # exit 0 when the node answers
#   bash scripts/broker.sh queues   # each queue: name, messages ready, messages unacknowledged
#
# PLATES_AMQP_PORT (default 5672) picks the port. Runs as root (CI does) or with sudo.
set -euo pipefail

port=${PLATES_AMQP_PORT:-5672}
node=plates@localhost
state=/tmp/plates-broker-$port
sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo

# Every rabbitmq command runs as the rabbitmq user with its home, so that the Erlang cookie is the node's.
as_rabbit() {
  $sudo runuser -u rabbitmq -- env HOME=/var/lib/rabbitmq \
    RABBITMQ_NODENAME=$node RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$port" \
    RABBITMQ_DIST_PORT=$((port + 20000)) ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_MNESIA_BASE="$state/mnesia" RABBITMQ_LOG_BASE="$state/log" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$state/enabled_plugins" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" "$@"
}

install() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && return 0
  echo "Installing rabbitmq-server ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # policy-rc.d may forbid starting services; the node is started below either way, not as a system service.
  $sudo apt-get install -y -qq --no-install-recommends rabbitmq-server >/dev/null
}

start() {
  install
  if as_rabbit /usr/lib/rabbitmq/bin/rabbitmqctl -q status >/dev/null 2>&1; then
    echo "broker already running: amqp://guest:guest@127.0.0.1:$port"; return 0
  fi
  $sudo mkdir -p "$state/log" && $sudo chown -R rabbitmq:rabbitmq "$state"
  [ -f "$state/enabled_plugins" ] || echo '[].' | $sudo runuser -u rabbitmq -- tee "$state/enabled_plugins" >/dev/null
  as_rabbit nohup /usr/lib/rabbitmq/bin/rabbitmq-server >"$state/log/console.log" 2>&1 &
  # await_startup waits for the node to boot, but cannot reach a node that has not opened its distribution port yet.
  for _ in $(seq 1 60); do
    as_rabbit /usr/lib/rabbitmq/bin/rabbitmqctl -q await_startup --timeout 60 >/dev/null 2>&1 && break
    sleep 1
  done
  as_rabbit /usr/lib/rabbitmq/bin/rabbitmqctl -q await_startup --timeout 5 >/dev/null \
    || { echo "error: the broker did not start; its log:" >&2; tail -30 "$state/log/console.log" >&2; exit 1; }
  echo "broker running: amqp://guest:guest@127.0.0.1:$port"
}

stop_node() {
  as_rabbit /usr/lib/rabbitmq/bin/rabbitmqctl -q shutdown >/dev/null 2>&1 || true
  # Erlang's port mapper was started with the node; it goes too unless another Erlang node still uses it.
  if command -v epmd >/dev/null && ! epmd -names 2>/dev/null | grep -q '^name '; then epmd -kill >/dev/null 2>&1 || true; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop_node; $sudo rm -rf "$state"; echo "broker stopped" ;;
  restart) stop_node; start ;;
  status) as_rabbit /usr/lib/rabbitmq/bin/rabbitmqctl -q status >/dev/null 2>&1 ;;
  queues) as_rabbit /usr/lib/rabbitmq/bin/rabbitmqctl -q list_queues name messages_ready messages_unacknowledged --no-table-headers ;;
  *) echo "usage: bash scripts/broker.sh start|stop|restart|status|queues" >&2; exit 2 ;;
esac
