package io.hotwatch.deploy.containers;

import org.testcontainers.containers.GenericContainer;

/** What a failed container test prints: the end of each container's log, where the cause usually is. */
final class ContainerLogs {

  private ContainerLogs() {}

  static void printTail(GenericContainer<?> container) {
    if (container.getContainerId() == null) {
      return;
    }
    String[] lines = container.getLogs().split("\n");
    System.err.println(
        "---- last lines of " + container.getDockerImageName() + " " + container.getContainerId() + " ----");
    for (int i = Math.max(0, lines.length - 40); i < lines.length; i++) {
      System.err.println(lines[i]);
    }
  }
}
