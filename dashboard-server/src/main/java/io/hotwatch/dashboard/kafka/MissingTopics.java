package io.hotwatch.dashboard.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a part of the server keeps its own records in, in the background and again every few seconds
 * until the broker has them all: a server that starts before its broker (as in a compose start) must not stay without
 * them for good.
 */
public final class MissingTopics implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MissingTopics.class);
  private static final Duration RETRY = Duration.ofSeconds(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String bootstrapServers;
  private final List<NewTopic> topics;
  private final ScheduledExecutorService executor;

  private MissingTopics(String bootstrapServers, List<NewTopic> topics, String threadName) {
    this.bootstrapServers = bootstrapServers;
    this.topics = List.copyOf(topics);
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, threadName);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts creating those of {@code topics} that the broker lacks; {@link #close()} gives up. */
  public static MissingTopics createInBackground(String bootstrapServers, List<NewTopic> topics, String threadName) {
    MissingTopics missing = new MissingTopics(bootstrapServers, topics, threadName);
    missing.executor.execute(missing::createOrRetry);
    return missing;
  }

  private void createOrRetry() {
    if (!createMissing()) {
      try {
        executor.schedule(this::createOrRetry, RETRY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        // the server is stopping
      }
    }
  }

  /** Whether every topic is there now (created or found); false, logged, when the broker did not let us know. */
  private boolean createMissing() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // The admin client refuses an API timeout below its request timeout (30 s by default).
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    List<String> names = topics.stream().map(NewTopic::name).toList();
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic.name())).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Created the topics {}", missing.stream().map(NewTopic::name).toList());
      }
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        // made meanwhile by another server or service: look again, since only some may exist
        return createMissing();
      }
      LOG.warn("Could not create {}, retrying in {}: {}", names, RETRY, e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | KafkaException e) {
      LOG.warn("Could not check for {} within {}, retrying in {}: {}", names, TIMEOUT, RETRY, e.toString());
    }
    return false;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
