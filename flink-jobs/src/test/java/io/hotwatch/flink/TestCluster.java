package io.hotwatch.flink;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster the job's tests run on: one task manager with two slots, as parallelism 2 needs. */
public final class TestCluster {

  private TestCluster() {}

  /** A fresh extension; register it as a static field of the test class. */
  public static MiniClusterExtension twoSlots() {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());
  }
}
