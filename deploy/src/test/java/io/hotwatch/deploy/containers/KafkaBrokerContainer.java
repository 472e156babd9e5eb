package io.hotwatch.deploy.containers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * The hotwatch-kafka broker with two client listeners: {@code kafka:9092} for the other containers and one on a mapped
 * port for the test itself. The mapped port is known only once the container runs, so the broker waits for a start
 * script that names it.
 */
final class KafkaBrokerContainer extends GenericContainer<KafkaBrokerContainer> {

  static final String NETWORK_ALIAS = "kafka";
  static final String INTERNAL_BOOTSTRAP = NETWORK_ALIAS + ":9092";
  private static final int HOST_LISTENER_PORT = 9094;
  private static final String START_SCRIPT = "/tmp/start-kafka.sh";

  KafkaBrokerContainer(String image) {
    super(DockerImageName.parse(image));
    withNetworkAliases(NETWORK_ALIAS);
    withExposedPorts(HOST_LISTENER_PORT);
    withEnv("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093,HOST://:" + HOST_LISTENER_PORT);
    withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,HOST:PLAINTEXT");
    withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT");
    withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093");
    withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh"));
    withCommand("-c", "while [ ! -f " + START_SCRIPT + " ]; do sleep 0.1; done; exec sh " + START_SCRIPT);
    waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofMinutes(3)));
  }

  @Override
  protected void containerIsStarting(InspectContainerResponse containerInfo) {
    String advertised = "PLAINTEXT://" + INTERNAL_BOOTSTRAP + ",HOST://" + bootstrapServers();
    String script = "export KAFKA_ADVERTISED_LISTENERS=" + advertised + "\nexec /opt/kafka/bin/kafka-run.sh\n";
    copyFileToContainer(Transferable.of(script, 0755), START_SCRIPT);
  }

  /** Bootstrap servers as seen from the test's JVM. */
  String bootstrapServers() {
    return getHost() + ":" + getMappedPort(HOST_LISTENER_PORT);
  }
}
