#!/bin/sh
# Writes server.properties from the environment, formats the log directory on first start and runs the broker.
# Without settings it is one node, broker and controller, listening on 9092 (clients) and 9093 (controller).
set -eu

props=/opt/kafka/config/server.properties
: "${KAFKA_NODE_ID:=1}"
: "${KAFKA_PROCESS_ROLES:=broker,controller}"
: "${KAFKA_LISTENERS:=PLAINTEXT://:9092,CONTROLLER://:9093}"
: "${KAFKA_ADVERTISED_LISTENERS:=PLAINTEXT://localhost:9092}"
: "${KAFKA_CONTROLLER_LISTENER_NAMES:=CONTROLLER}"
: "${KAFKA_LISTENER_SECURITY_PROTOCOL_MAP:=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT}"
: "${KAFKA_CONTROLLER_QUORUM_VOTERS:=${KAFKA_NODE_ID}@localhost:9093}"
: "${KAFKA_LOG_DIRS:=/var/lib/kafka/data}"
: "${KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR:=1}"
: "${KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR:=1}"
: "${KAFKA_TRANSACTION_STATE_LOG_MIN_ISR:=1}"
: "${KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS:=0}"
: "${CLUSTER_ID:=5L6g3nShT-eMCtK--X86sw}"
export KAFKA_NODE_ID KAFKA_PROCESS_ROLES KAFKA_LISTENERS KAFKA_ADVERTISED_LISTENERS KAFKA_CONTROLLER_LISTENER_NAMES \
  KAFKA_LISTENER_SECURITY_PROTOCOL_MAP KAFKA_CONTROLLER_QUORUM_VOTERS KAFKA_LOG_DIRS \
  KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR \
  KAFKA_TRANSACTION_STATE_LOG_MIN_ISR KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS

mkdir -p "$(dirname "$props")"
# KAFKA_FOO_BAR=x becomes foo.bar=x ('__' stands for '_', '___' for '-'); the image's own variables are not settings.
env | grep '^KAFKA_' | grep -v -e '^KAFKA_HEAP_OPTS=' -e '^KAFKA_OPTS=' | while IFS='=' read -r name value; do
  key=$(echo "${name#KAFKA_}" | tr 'A-Z' 'a-z' | sed -e 's/___/-/g' -e 's/__/@/g' -e 's/_/./g' -e 's/@/_/g')
  echo "$key=$value"
done > "$props"

cp="/opt/kafka/libs/*"
logging="-Dlogback.configurationFile=/opt/kafka/config/logback.xml"
if [ ! -f "$KAFKA_LOG_DIRS/meta.properties" ]; then
  java -cp "$cp" $logging kafka.tools.StorageTool format --ignore-formatted -t "$CLUSTER_ID" -c "$props"
fi
# shellcheck disable=SC2086 # option lists split into words
exec java $KAFKA_HEAP_OPTS ${KAFKA_OPTS:-} $logging -cp "$cp" kafka.Kafka "$props"
