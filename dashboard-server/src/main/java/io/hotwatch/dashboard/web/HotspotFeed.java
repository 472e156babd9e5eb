package io.hotwatch.dashboard.web;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.dashboard.alerting.District;
import io.hotwatch.dashboard.alerting.PoliceDistricts;
import io.hotwatch.dashboard.board.HotspotBoard;
import io.hotwatch.dashboard.incidents.IncidentSettings;
import io.hotwatch.dashboard.incidents.RecentIncidents;
import io.hotwatch.dashboard.stream.Acknowledgement;
import io.hotwatch.dashboard.stream.AcknowledgementPublisher;
import io.hotwatch.dashboard.stream.ClientStream;
import io.hotwatch.dashboard.stream.ConnectRequest;
import io.hotwatch.dashboard.stream.HotspotScopes;
import io.hotwatch.dashboard.stream.IncidentScopes;
import io.hotwatch.dashboard.stream.MessageRing;
import io.hotwatch.dashboard.stream.Scope;
import io.hotwatch.dashboard.stream.StreamCounters;
import io.hotwatch.dashboard.stream.StreamEncoder;
import io.hotwatch.dashboard.stream.StreamMessage;
import io.hotwatch.dashboard.stream.StreamSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.websocket.WebSocketSession;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream behind {@code /ws/hotspots}: puts hotspot alerts on the board, numbers every message (hotspot
 * events, trends, scored incidents, acknowledgements) 1, 2, 3... without gaps, keeps the latest for clients that
 * resume and hands each message, encoded once, to every client whose filter lets it through.
 *
 * <p>Numbering, retaining and queueing a message and serving a new client (snapshot or missed messages, then
 * registration) take one lock, and nothing under it waits for the network (writes are only queued on the channels),
 * so each client sees its snapshot or its missed messages and then exactly the messages after them, in order.
 */
@Singleton
public final class HotspotFeed implements AcknowledgementPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(HotspotFeed.class);
  private static final byte[] PING = "hotwatch".getBytes(StandardCharsets.US_ASCII);
  private static final Executor DIRECT = Runnable::run;

  private final HotspotBoard board;
  /** District numbers a filter may name. */
  private final Set<String> districtNumbers;
  private final StreamSettings settings;
  private final StreamCounters counters;
  private final StreamEncoder encoder = new StreamEncoder();
  private final MessageRing ring;
  private final HotspotScopes scopes;
  private final IncidentScopes incidentScopes;
  /** For the snapshots of clients that ask for incidents. */
  private final RecentIncidents recentIncidents;
  /** Changes every start: sequence numbers of an earlier run mean nothing to this one. */
  private final String streamId = UUID.randomUUID().toString();
  /**
   * The registered clients by the event loop their connection lives on (clients without a channel under
   * {@link #DIRECT}): a message becomes one task per event loop that writes it to all of that loop's clients, rather
   * than one cross-thread task per client.
   */
  private final Map<Executor, List<ClientStream>> clientsByLoop = new ConcurrentHashMap<>();
  private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();
  private final Object sendOrder = new Object();
  private final Timer fanOut;
  private long lastSeq;

  public HotspotFeed(
      HotspotBoard board, PoliceDistricts districts, StreamSettings settings, StreamCounters counters,
      MeterRegistry meters, IncidentSettings incidentSettings) {
    this.board = board;
    this.fanOut = Timer.builder("hotwatch.websocket.fanout.latency")
        .description("From the Kafka poll that read a hotspot event to its frame written to the last client of an"
            + " event loop")
        .publishPercentileHistogram()
        .register(meters);
    this.districtNumbers = districts.all().stream().map(District::number).collect(Collectors.toUnmodifiableSet());
    this.settings = settings;
    this.counters = counters;
    this.ring = new MessageRing(settings.resumeMessages(), settings.resumeAge(), Clock.systemUTC());
    this.scopes = new HotspotScopes(districts);
    this.incidentScopes = new IncidentScopes(districts);
    this.recentIncidents = new RecentIncidents(incidentSettings);
  }

  /** As {@link #publish(HotspotAlert, int, long)}, polled now. */
  public void publish(HotspotAlert alert, int partition) {
    publish(alert, partition, System.nanoTime());
  }

  /**
   * Applies one event read from the given partition and puts it on the stream when it changed the board (repeats do
   * not), then a {@code closed} message, marked {@code "expired": true}, for each hotspot the board dropped on the way
   * because its latest event fell out of the board's retention.
   *
   * @param polledAtNanos {@link System#nanoTime()} when the consumer's poll returned the record
   */
  public void publish(HotspotAlert alert, int partition, long polledAtNanos) {
    synchronized (sendOrder) {
      HotspotBoard.Update update = board.apply(alert, partition);
      if (update.changed()) {
        boolean closing = HotspotAlert.CLOSED.equals(alert.type());
        append(alert.type(), "hotspot", alert, Map.of(), scopes.apply(alert, closing), polledAtNanos);
      }
      if (!update.expired().isEmpty()) {
        LOG.info("Dropped {} hotspots past the retention: {}", update.expired().size(), update.expiredHotspots());
        for (HotspotAlert last : update.expired()) {
          append(HotspotAlert.CLOSED, "hotspot", last, Map.of("expired", true), scopes.apply(last, true),
              polledAtNanos);
        }
      }
    }
  }

  /** Puts a rolling trend on the stream. */
  public void publish(TrendEvent trend, long polledAtNanos) {
    synchronized (sendOrder) {
      append("trend", "trend", trend, Map.of(), HotspotScopes.of(trend), polledAtNanos);
    }
  }

  /** Puts a scored incident on the stream (for clients that asked for incidents) and keeps it for their snapshots. */
  public void publish(IncidentScore incident, long polledAtNanos) {
    Scope scope = incidentScopes.of(incident);
    synchronized (sendOrder) {
      recentIncidents.put(incident, scope);
      append("incident", "incident", incident, Map.of(), scope, polledAtNanos);
    }
  }

  @Override
  public void publish(Acknowledgement acknowledgement) {
    synchronized (sendOrder) {
      append("ack", "ack", acknowledgement, Map.of(), scopes.of(acknowledgement.hotspotId()), System.nanoTime());
    }
  }

  private void append(String type, String payloadName, Object payload, Map<String, Object> extra,
      Scope scope, long polledAtNanos) {
    long seq = lastSeq + 1;
    byte[] json = encoder.message(type, seq, payloadName, payload, extra);
    StreamMessage message = new StreamMessage(seq, type, json, scope, System.currentTimeMillis(), polledAtNanos);
    lastSeq = seq;
    ring.add(message);
    boolean hotspotEvent = payloadName.equals("hotspot");
    // Tasks run in submission order on each loop, after any write queued there earlier (a snapshot under this lock);
    // each takes the clients registered now, so one that registers later (its snapshot includes this message) does
    // not get it again.
    clientsByLoop.forEach((loop, clients) -> {
      ClientStream[] registered = clients.toArray(ClientStream[]::new);
      loop.execute(() -> {
        for (ClientStream client : registered) {
          if (!client.offer(message)) {
            clients.remove(client);
          }
        }
        if (hotspotEvent && registered.length > 0) {
          fanOut.record(System.nanoTime() - message.polledAtNanos(), TimeUnit.NANOSECONDS);
        }
      });
    });
  }

  /**
   * Serves a new session: refuses a bad query with an {@code error} message and close code 4400; otherwise sends
   * the missed messages after {@code since} when they are all retained (after a {@code resumed} notice), or else a
   * snapshot of the open hotspots that says why, then registers it for live messages.
   *
   * @param channel the session's Netty channel, or null when it cannot be had
   */
  public void open(WebSocketSession session, Channel channel, Map<String, List<String>> query) {
    sessions.add(session);
    ConnectRequest request;
    try {
      request = ConnectRequest.parse(query, districtNumbers);
    } catch (IllegalArgumentException e) {
      counters.badRequest();
      ClientStream refused = new ClientStream(session, channel, null, settings, counters);
      refused.send(encoder.error("bad-request", e.getMessage()));
      refused.close(ClientStream.BAD_REQUEST, "bad request");
      return;
    }
    ClientStream client = new ClientStream(session, channel, request.subscription(), settings, counters);
    synchronized (sendOrder) {
      if (request.since() == null) {
        client.send(snapshot(client, "connect"));
      } else if (request.stream() != null && !request.stream().equals(streamId)) {
        counters.resumeSnapshot();
        client.send(snapshot(client, "new-stream"));
      } else {
        Optional<List<StreamMessage>> missed = ring.after(request.since(), lastSeq);
        if (missed.isPresent()) {
          counters.resumed();
          client.send(encoder.resumed(streamId, request.since(), lastSeq));
          for (StreamMessage message : missed.get()) {
            client.replay(message);
          }
        } else {
          counters.resumeSnapshot();
          client.send(snapshot(client, request.since() > lastSeq ? "unknown-seq" : "beyond-retention"));
        }
      }
      if (!client.dropped()) {
        clientsByLoop.computeIfAbsent(channel == null ? DIRECT : channel.eventLoop(),
            loop -> new CopyOnWriteArrayList<>()).add(client);
      }
    }
  }

  private byte[] snapshot(ClientStream client, String reason) {
    List<HotspotAlert> shown = new ArrayList<>();
    for (HotspotAlert alert : board.current()) {
      if (client.subscription().matches(scopes.of(alert.hotspotId()))) {
        shown.add(alert);
      }
    }
    if (!client.subscription().incidents()) {
      return encoder.snapshot(streamId, lastSeq, reason, shown);
    }
    List<IncidentScore> incidents = new ArrayList<>();
    for (RecentIncidents.Recent recent : recentIncidents.newestFirst()) {
      if (client.subscription().matches(recent.scope())) {
        incidents.add(recent.incident());
      }
    }
    return encoder.snapshot(streamId, lastSeq, reason, shown, incidents);
  }

  /** Scored incidents kept for snapshots. */
  public int recentIncidents() {
    synchronized (sendOrder) {
      return recentIncidents.size();
    }
  }

  public void close(WebSocketSession session) {
    sessions.remove(session);
    clientsByLoop.values().forEach(clients -> clients.removeIf(client -> client.session().equals(session)));
  }

  public int openSessions() {
    return sessions.size();
  }

  /** This run's stream id: a client resuming with another one gets a snapshot. */
  public String streamId() {
    return streamId;
  }

  public StreamCounters.Stats stats() {
    synchronized (sendOrder) {
      return counters.stats(lastSeq, ring.size());
    }
  }

  /** The retained messages after {@code seq}, oldest first; empty when some of them are no longer retained. */
  public Optional<List<StreamMessage>> retainedAfter(long seq) {
    synchronized (sendOrder) {
      return ring.after(seq, lastSeq);
    }
  }

  /**
   * Pings every session: the server closes connections with no traffic either way for its idle timeout (5 min by
   * default), and a quiet city can go that long without a hotspot change. Browsers answer pings on their own.
   */
  @Scheduled(fixedDelay = "${hotwatch.socket.ping-interval:30s}")
  public void ping() {
    for (WebSocketSession session : sessions) {
      if (session.isOpen()) {
        logFailure(session.sendPingAsync(PING), "ping to " + session.getId());
      } else {
        close(session);
      }
    }
  }

  private static void logFailure(CompletableFuture<?> sent, String what) {
    sent.whenComplete(
        (ignored, failure) -> {
          if (failure != null) {
            // A session that closed mid-send; it will reconnect and resume.
            LOG.debug("Could not send {}: {}", what, failure.toString());
          }
        });
  }
}
