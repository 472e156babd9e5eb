#!/bin/sh
# Kafka's storage tool (format a log directory for KRaft), as in the apache/kafka image.
exec java -Xmx256m -Dlogback.configurationFile=/opt/kafka/config/tools-logback.xml -cp "/opt/kafka/libs/*" \
  kafka.tools.StorageTool "$@"
