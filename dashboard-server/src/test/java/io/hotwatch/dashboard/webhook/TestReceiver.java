package io.hotwatch.dashboard.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on the loopback interface (the JDK's HTTP server), as an alerting system would run one: it
 * checks each request's signature with its own HMAC code, records what came when, and answers with the status its
 * behaviour gives for the n-th request (1-based).
 */
final class TestReceiver implements AutoCloseable {

  /** One request as received. */
  record Received(long nanos, String deliveryId, String alertId, String event, String contentType, long timestamp,
      String body, boolean signatureValid) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final String secret;
  private final IntUnaryOperator behaviour;

  TestReceiver(String secret, IntUnaryOperator behaviour) throws IOException {
    this.secret = secret;
    this.behaviour = behaviour;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", this::handle);
    // Requests are handled in parallel, so a receiver that holds one request still takes the next.
    server.setExecutor(threads);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String timestamp = exchange.getRequestHeaders().getFirst("X-Hotwatch-Timestamp");
    String signature = exchange.getRequestHeaders().getFirst("X-Hotwatch-Signature");
    boolean valid = timestamp != null && signature != null && MessageDigest.isEqual(
        signature.getBytes(StandardCharsets.US_ASCII), expectedSignature(timestamp, body));
    received.add(new Received(arrived, exchange.getRequestHeaders().getFirst("X-Hotwatch-Delivery"),
        exchange.getRequestHeaders().getFirst("X-Hotwatch-Alert"),
        exchange.getRequestHeaders().getFirst("X-Hotwatch-Event"),
        exchange.getRequestHeaders().getFirst("Content-Type"),
        timestamp == null ? -1 : Long.parseLong(timestamp), new String(body, StandardCharsets.UTF_8), valid));
    int status = behaviour.applyAsInt(received.size());
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /** The receiver's own check: HMAC-SHA256 over "timestamp.body" with the shared secret, hex, "sha256=" first. */
  private byte[] expectedSignature(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      byte[] digest = mac.doFinal(body);
      return ("sha256=" + HexFormat.of().formatHex(digest)).getBytes(StandardCharsets.US_ASCII);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
