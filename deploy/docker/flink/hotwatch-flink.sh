#!/bin/sh
# Starts a Flink JobManager in application mode or a TaskManager:
#   hotwatch-flink.sh standalone-job --job-classname CLASS [--fromSavepoint PATH] [JOB ARGS...]
#   hotwatch-flink.sh taskmanager
# FLINK_PROPERTIES (lines of "key: value") are appended to config.yaml, as Flink's public image does.
set -eu

if [ -x /docker-entrypoint.sh ] && [ -x /opt/flink/bin/jobmanager.sh ]; then
  # Flink's public image: its own entrypoint knows these commands.
  exec /docker-entrypoint.sh "$@"
fi

conf=/opt/flink/conf
cp /opt/hotwatch/flink-conf/* "$conf"/
if [ -n "${FLINK_PROPERTIES:-}" ]; then
  printf '\n%s\n' "$FLINK_PROPERTIES" >> "$conf/config.yaml"
fi
cp="/opt/hotwatch/flink-lib/*"
opens=$(cat /opt/hotwatch/bin/jvm-opens)
logging="-Dlogback.configurationFile=$conf/logback.xml"

# Flink's own memory arithmetic (what its scripts run): JVM options on the last but one line, dynamic settings last.
resource_params() {
  java -cp "$cp" $logging org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$conf" \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' | tail -n 2
}

command=${1:-help}
[ $# -gt 0 ] && shift
case "$command" in
  standalone-job)
    params=$(resource_params GET_JM_RESOURCE_PARAMS)
    jvm=$(echo "$params" | sed -n 1p)
    dynamic=$(echo "$params" | sed -n 2p)
    # shellcheck disable=SC2086 # word splitting of the option lists is intended
    exec java $jvm $opens ${FLINK_ENV_JAVA_OPTS:-} $logging -cp "$cp" \
      io.hotwatch.deploy.cluster.JobClusterEntryPoint --configDir "$conf" $dynamic "$@"
    ;;
  taskmanager)
    params=$(resource_params GET_TM_RESOURCE_PARAMS)
    jvm=$(echo "$params" | sed -n 1p)
    dynamic=$(echo "$params" | sed -n 2p)
    # shellcheck disable=SC2086
    exec java $jvm $opens ${FLINK_ENV_JAVA_OPTS:-} $logging -cp "$cp" \
      org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$conf" $dynamic "$@"
    ;;
  help)
    echo "usage: standalone-job --job-classname CLASS [--fromSavepoint PATH] [JOB ARGS...] | taskmanager"
    ;;
  *)
    exec "$command" "$@"
    ;;
esac
