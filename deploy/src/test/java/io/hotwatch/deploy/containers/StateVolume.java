package io.hotwatch.deploy.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A named volume for Flink's checkpoints and savepoints, mounted on every JobManager and TaskManager of a test as the
 * compose file mounts {@code flink-state}: a replacement TaskManager or a second cluster reads what the first wrote.
 * A named volume, not a host folder, so that it works on a remote Docker host too and starts with the image's owner.
 */
final class StateVolume implements AutoCloseable {

  static final String MOUNT = "/opt/flink/state";

  private final DockerClient docker = DockerClientFactory.instance().client();
  private final String name;

  StateVolume(String purpose) {
    this.name = "hotwatch-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    docker.createVolumeCmd().withName(name).exec();
  }

  /** Mounts this volume at {@link #MOUNT} when the container is created. */
  <T extends GenericContainer<T>> T mountOn(T container) {
    return container.withCreateContainerCmdModifier(
        cmd -> cmd.getHostConfig().withBinds(new Bind(name, new Volume(MOUNT))));
  }

  @Override
  public void close() {
    docker.removeVolumeCmd(name).exec();
  }
}
