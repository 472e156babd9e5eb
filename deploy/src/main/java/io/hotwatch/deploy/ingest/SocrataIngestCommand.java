package io.hotwatch.deploy.ingest;

import io.hotwatch.deploy.Replayer;
import io.hotwatch.flink.HotspotJob;
import io.hotwatch.flink.HotspotJobConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hotwatch ingest socrata}: Chicago's crimes from a Socrata JSON endpoint to Kafka, resuming where it left. */
@Command(
    name = "socrata",
    mixinStandardHelpOptions = true,
    description = {
      "Reads a Socrata (SODA 2.x) endpoint with Chicago's crimes columns, e.g."
          + " https://data.cityofchicago.org/resource/ijzp-q8t2.json, page by page in (:updated_at, :id) order, and"
          + " produces each row to Kafka as an incident (JSON keyed by id) or, when it cannot be parsed, as a dead"
          + " letter. A row the source updates later comes again as a re-report.",
      "After each page is produced and flushed its last row is written to the state file (atomically), so a"
          + " restart resumes after it. Polls every --poll-interval once caught up; --once stops there instead.",
      "Prints 'pages P, read R, produced N, rejected M ...' when done."
    })
public final class SocrataIngestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--url", required = true, paramLabel = "URL",
      description = "The data set's JSON endpoint (https://HOST/resource/ID.json).")
  String url;

  @Option(names = "--to-kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = "--topic", defaultValue = "incidents", paramLabel = "TOPIC",
      description = "Topic for incidents (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--dead-letter-topic", defaultValue = HotspotJobConfig.DEAD_LETTER_TOPIC, paramLabel = "TOPIC",
      description = "Topic for rows that cannot be parsed (default: ${DEFAULT-VALUE}).")
  String deadLetterTopic;

  @Option(names = "--state", paramLabel = "FILE",
      description = "State file with the high-water mark (default: socrata-DATASET.state.json in the current folder).")
  Path stateFile;

  @Option(names = "--since", paramLabel = "INSTANT",
      description = "Without a saved mark, start at rows updated at or after this (e.g. 2026-11-01T00:00:00Z);"
          + " by default a first run reads the whole data set.")
  String since;

  @Option(names = "--poll-interval", defaultValue = "5 min", paramLabel = "DURATION",
      converter = HotspotJob.DurationConverter.class,
      description = "Wait between polls once caught up (default: ${DEFAULT-VALUE}).")
  Duration pollInterval;

  @Option(names = "--page-size", defaultValue = "1000", paramLabel = "N",
      description = "Rows per request, 1 to 50000 (default: ${DEFAULT-VALUE}).")
  int pageSize;

  @Option(names = "--app-token", defaultValue = "${env:SOCRATA_APP_TOKEN}", paramLabel = "TOKEN",
      description = "Socrata application token, sent as X-App-Token (default: $SOCRATA_APP_TOKEN; without one,"
          + " requests share the anonymous throttling pool).")
  String appToken;

  @Option(names = "--once", description = "Stop once caught up instead of polling on.")
  boolean once;

  @Option(names = "--retries", defaultValue = "6", paramLabel = "N",
      description = "Tries per request on HTTP 429/5xx and connection failures (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--retry-backoff", defaultValue = "1 s", paramLabel = "DURATION",
      converter = HotspotJob.DurationConverter.class,
      description = "First wait before trying again, doubled each time up to a minute (default: ${DEFAULT-VALUE}).")
  Duration retryBackoff;

  @Override
  public Integer call() throws Exception {
    URI endpoint = endpoint();
    SocrataIngest.Settings settings = settings(endpoint);
    Replayer.checkTopics(bootstrapServers, topic, deadLetterTopic);
    RetryPolicy retry = new RetryPolicy(retries, retryBackoff, max(retryBackoff, Duration.ofMinutes(1)));
    SodaClient client = new SodaClient(endpoint, appToken, retry);
    PrintWriter out = spec.commandLine().getOut();
    AtomicBoolean reported = new AtomicBoolean();
    try (Producer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrapServers))) {
      SocrataIngest ingest = new SocrataIngest(client, producer, settings, Clock.systemUTC());
      CompletableFuture<IngestSummary> run = CompletableFuture.supplyAsync(() -> {
        try {
          return ingest.run();
        } catch (Exception e) {
          throw new IngestFailure(e);
        }
      }, r -> {
        Thread thread = new Thread(r, "hotwatch-ingest-socrata");
        thread.setDaemon(true);
        thread.start();
      });
      // Ctrl-C: finish the page in hand (produced, flushed, recorded), then print the summary.
      Thread stopOnExit = new Thread(() -> {
        ingest.stop();
        try {
          run.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          // exiting anyway
        }
        report(out, reported, ingest.summary());
      }, "hotwatch-ingest-stop");
      Runtime.getRuntime().addShutdownHook(stopOnExit);
      try {
        report(out, reported, run.get());
      } catch (ExecutionException e) {
        report(out, reported, ingest.summary());
        Throwable cause = e.getCause() instanceof IngestFailure f ? f.getCause() : e.getCause();
        if (cause instanceof Exception failure) {
          throw failure;
        }
        throw e;
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running
        }
      }
    }
    return 0;
  }

  /** Replay's producer settings (acks=all, idempotent), under this command's client id. */
  static Map<String, Object> producerConfig(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>(Replayer.producerConfig(bootstrapServers));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "hotwatch-ingest-socrata");
    return config;
  }

  private URI endpoint() {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null
          || uri.getPath() == null || !uri.getPath().endsWith(".json")) {
        throw new ParameterException(spec.commandLine(),
            "--url '" + url + "' is not a Socrata JSON endpoint (https://HOST/resource/ID.json)");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ParameterException(spec.commandLine(), "--url '" + url + "' is not a URL: " + e.getReason());
    }
  }

  private SocrataIngest.Settings settings(URI endpoint) {
    if (pageSize < 1 || pageSize > 50_000) {
      throw new ParameterException(spec.commandLine(), "--page-size " + pageSize + " is outside 1..50000");
    }
    if (retries < 1) {
      throw new ParameterException(spec.commandLine(), "--retries " + retries + " must be at least 1");
    }
    if (pollInterval.isNegative() || retryBackoff.isNegative()) {
      throw new ParameterException(spec.commandLine(), "--poll-interval and --retry-backoff must not be negative");
    }
    Instant from = null;
    if (since != null) {
      try {
        from = Instant.parse(since);
      } catch (DateTimeParseException e) {
        throw new ParameterException(spec.commandLine(), "--since '" + since + "' is not an ISO-8601 instant");
      }
    }
    Path state = stateFile != null ? stateFile : Path.of("socrata-" + dataset(endpoint) + ".state.json");
    return new SocrataIngest.Settings(
        endpoint, topic, deadLetterTopic, state, pageSize, pollInterval, once, from);
  }

  /** {@code ijzp-q8t2} of {@code .../resource/ijzp-q8t2.json}. */
  private static String dataset(URI endpoint) {
    String path = endpoint.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.substring(0, name.length() - ".json".length());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static void report(PrintWriter out, AtomicBoolean reported, IngestSummary summary) {
    if (reported.compareAndSet(false, true)) {
      out.println(summary.line());
      out.flush();
    }
  }

  /** Carries a checked failure of the ingest thread out of its future. */
  private static final class IngestFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IngestFailure(Exception cause) {
      super(cause);
    }
  }
}
