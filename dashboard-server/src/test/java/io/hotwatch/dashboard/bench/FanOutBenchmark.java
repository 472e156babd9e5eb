package io.hotwatch.dashboard.bench;

import static io.hotwatch.dashboard.HotspotAlerts.LOOP;
import static io.hotwatch.dashboard.HotspotAlerts.around;
import static io.hotwatch.dashboard.HotspotAlerts.opened;
import static io.hotwatch.dashboard.HotspotAlerts.updated;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.dashboard.DashboardServer;
import io.hotwatch.dashboard.TestLogins;
import io.hotwatch.dashboard.security.Roles;
import io.hotwatch.dashboard.stream.StreamCounters;
import io.hotwatch.dashboard.stream.StreamMessage;
import io.hotwatch.dashboard.web.HotspotFeed;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The socket's fan-out: the server and an in-process broker, {@code clients} WebSocket clients (Netty, all on one
 * event loop thread: {@link FrameCountingClients}), hotspot alerts from the bundled real incidents published
 * to Kafka at a steady rate; per alert, the time from the consumer's poll returning its record to the last client
 * holding the whole message, and from the record's timestamp (set by the producer here) to the same moment.
 *
 * <p>Run from {@code dashboard-server/} (see docs/BENCHMARKS.md, "Dashboard fan-out"): {@code [clients] [alerts]
 * [alerts per second] [warm-up alerts]}, by default 1000 300 10 50. Not a test: it stops by itself and prints.
 */
public final class FanOutBenchmark {

  private static final String TOPIC = "hotspot-events-bench";
  private static final Instant T0 = Instant.parse("2017-07-14T20:00:00Z");

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    double rate = args.length > 2 ? Double.parseDouble(args[2]) : 10;
    int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    int total = warmUp + measured;

    System.out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
    List<HotspotAlert> alerts = new ArrayList<>(total);
    HotspotAlert alert = opened(around(LOOP), T0);
    alerts.add(alert);
    while (alerts.size() < total) {
      alert = updated(alert, alert.windowEnd().plus(Duration.ofMinutes(1)));
      alerts.add(alert);
    }
    EventCodec codec = new EventCodec();
    List<String> payloads = alerts.stream().map(codec::encode).toList();
    System.out.printf(Locale.ROOT, "%d alerts built from the bundled incidents, %.1f KB of JSON each on average%n",
        total, payloads.stream().mapToInt(String::length).average().orElse(0) / 1024);

    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(1, TOPIC);
      try (DashboardServer server = DashboardServer.start(TestLogins.serverProperties(Roles.VIEWER, Map.of(
              DashboardServer.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
              DashboardServer.HOTSPOT_TOPIC, TOPIC,
              "hotwatch.topics.trends", "",
              DashboardServer.PORT, 0,
              "hotwatch.board.retention", "2d",
              // every client connects from 127.0.0.1: the per-address limit would refuse most of the handshakes
              "hotwatch.security.rate-limit.requests-per-second", 100_000,
              "hotwatch.security.rate-limit.burst", 100_000)));
          KafkaProducer<String, String> producer = producer(kafka);
          FrameCountingClients sockets = new FrameCountingClients()) {
        HotspotFeed feed = server.context().getBean(HotspotFeed.class);
        Receipts receipts = new Receipts(clients, total + 2);
        URI socketUri = URI.create(server.uri().toString().replaceFirst("^http", "ws") + "/ws/hotspots");
        long connectStart = System.nanoTime();
        for (int i = 0; i < clients; i += 50) {
          List<CompletableFuture<?>> batch = new ArrayList<>();
          for (int j = i; j < Math.min(clients, i + 50); j++) {
            batch.add(sockets.connect(socketUri, TestLogins.basic(Roles.VIEWER), receipts::received));
          }
          for (CompletableFuture<?> socket : batch) {
            socket.get(60, TimeUnit.SECONDS);
          }
        }
        System.out.printf(Locale.ROOT, "%d clients connected in %.1f s%n", clients,
            (System.nanoTime() - connectStart) / 1e9);

        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        Map<String, Long> threadsBefore = cpuByThreadGroup();
        long wallBefore = System.nanoTime();
        long[] recordTimestamps = new long[total + 2];
        long periodNanos = (long) (1e9 / rate);
        long next = System.nanoTime();
        for (int i = 0; i < total; i++) {
          // parked, not spinning: a spinning publisher would take one of the machine's two cores from the server
          for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
            LockSupport.parkNanos(wait);
          }
          next += periodNanos;
          int seq = i + 1;
          HotspotAlert a = alerts.get(i);
          producer.send(new ProducerRecord<>(TOPIC, a.hotspotId(), payloads.get(i)),
              (metadata, failure) -> recordTimestamps[seq] = failure == null ? metadata.timestamp() : -1);
        }
        producer.flush();
        boolean complete = receipts.awaitAll(total, Duration.ofSeconds(60));
        double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6;
        Map<String, Long> threadsAfter = cpuByThreadGroup();
        double wallMs = (System.nanoTime() - wallBefore) / 1e6;

        List<StreamMessage> messages = feed.retainedAfter(0).orElseThrow();
        DescriptiveStatistics fromPoll = new DescriptiveStatistics();
        DescriptiveStatistics fromTimestamp = new DescriptiveStatistics();
        int missing = 0;
        for (StreamMessage message : messages) {
          int seq = (int) message.seq();
          if (seq <= warmUp) {
            continue;
          }
          if (receipts.count(seq) < clients) {
            missing++;
            continue;
          }
          fromPoll.addValue((receipts.lastNanos(seq) - message.polledAtNanos()) / 1e6);
          fromTimestamp.addValue(receipts.lastMillis(seq) - recordTimestamps[seq]);
        }
        StreamCounters.Stats stats = feed.stats();
        System.out.printf(Locale.ROOT, "all alerts reached all clients: %s (%d measured alerts incomplete)%n",
            complete, missing);
        System.out.printf(Locale.ROOT, "measured %d alerts at %.0f/s to %d clients%n", fromPoll.getN(), rate, clients);
        print("poll -> last client", fromPoll);
        print("record timestamp -> last client", fromTimestamp);
        System.out.printf(Locale.ROOT, "frames sent %d, dropped for slow clients %d, dropped on closed %d,"
                + " slow clients dropped %d%n",
            stats.sent(), stats.dropped().slowClient(), stats.dropped().closed(), stats.slowClientsDropped());
        System.out.printf(Locale.ROOT, "process CPU while publishing: %.0f ms over %.0f ms wall (%.2f cores), %.1f ms"
            + " per alert (server, %d clients, broker, producer together)%n",
            cpuMs, wallMs, cpuMs / wallMs, cpuMs / total, clients);
        threadsAfter.forEach((group, nanos) -> System.out.printf(Locale.ROOT, "  %-28s %6.1f ms CPU per alert%n", group,
            (nanos - threadsBefore.getOrDefault(group, 0L)) / 1e6 / total));
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        sockets.close();
        // the server publishes session-closed events while its context runs: let it see the clients go first
        long closing = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (feed.openSessions() > 0 && System.nanoTime() < closing) {
          Thread.sleep(50);
        }
      }
    }
  }

  /** Java threads' CPU time by role (user and system time; the kernel's loopback work done in softirqs is not in it). */
  private static Map<String, Long> cpuByThreadGroup() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> byGroup = new java.util.TreeMap<>();
    for (long id : threads.getAllThreadIds()) {
      java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
      long cpu = threads.getThreadCpuTime(id);
      if (info == null || cpu < 0) {
        continue;
      }
      String name = info.getThreadName();
      String group = name.startsWith("default-eventLoopGroup") ? "server event loops"
          : name.startsWith("multiThreadIoEventLoopGroup") ? "clients (one thread)"
          : name.equals("hotspot-events-consumer") ? "server Kafka consumer"
          : name.startsWith("kafka") || name.startsWith("data-plane") || name.startsWith("quorum")
              || name.startsWith("broker") || name.startsWith("raft") ? "broker"
          : "other";
      byGroup.merge(group, cpu, Long::sum);
    }
    return byGroup;
  }

  private static void print(String what, DescriptiveStatistics ms) {
    System.out.printf(Locale.ROOT, "%-32s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  mean %6.1f ms%n", what,
        ms.getPercentile(50), ms.getPercentile(99), ms.getMax(), ms.getMean());
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(props);
  }

  /** Per stream seq: how many clients hold the message, and when the last one got it. */
  private static final class Receipts {
    private final int clients;
    private final AtomicIntegerArray counts;
    private final AtomicLongArray lastNanos;
    private final AtomicLongArray lastMillis;

    Receipts(int clients, int size) {
      this.clients = clients;
      this.counts = new AtomicIntegerArray(size);
      this.lastNanos = new AtomicLongArray(size);
      this.lastMillis = new AtomicLongArray(size);
    }

    void received(int seq) {
      if (seq < counts.length() && counts.incrementAndGet(seq) == clients) {
        lastNanos.set(seq, System.nanoTime());
        lastMillis.set(seq, System.currentTimeMillis());
      }
    }

    int count(int seq) {
      return counts.get(seq);
    }

    long lastNanos(int seq) {
      return lastNanos.get(seq);
    }

    long lastMillis(int seq) {
      return lastMillis.get(seq);
    }

    boolean awaitAll(int lastSeq, Duration wait) throws InterruptedException {
      long deadline = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < deadline) {
        if (counts.get(lastSeq) == clients) {
          return true;
        }
        Thread.sleep(50);
      }
      return false;
    }
  }
}
