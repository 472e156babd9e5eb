#!/bin/sh
# Kafka's topic tool, as in the apache/kafka image.
exec java -Xmx256m -Dlogback.configurationFile=/opt/kafka/config/tools-logback.xml -cp "/opt/kafka/libs/*" \
  org.apache.kafka.tools.TopicCommand "$@"
