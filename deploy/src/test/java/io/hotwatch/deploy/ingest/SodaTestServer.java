package io.hotwatch.deploy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hotwatch.core.json.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Stands in for a Socrata endpoint, because no network is reachable here: a JDK HTTP server on the loopback address
 * that serves recorded rows at {@link #PATH} and honours the query the ingest sends ({@code $select=:*,*}, the
 * high-water-mark {@code $where}, {@code $order=:updated_at,:id}, {@code $limit}); any other query is answered 400
 * with a Socrata-style error, so a client that asked for something else would fail here. Faults (429, 400, 503, a
 * body that is not JSON) can be scripted ahead of the real answers.
 */
final class SodaTestServer implements AutoCloseable {

  static final String PATH = "/resource/ijzp-q8t2.json";

  private static final Set<String> PARAMETERS = Set.of("$select", "$where", "$order", "$limit");
  private static final Pattern AFTER_MARK = Pattern.compile(
      ":updated_at > '([^']*)' OR \\(:updated_at = '([^']*)' AND :id > '((?:[^']|'')*)'\\)");

  /**
   * A scripted answer.
   *
   * @param status HTTP status
   * @param body response body
   * @param retryAfter the Retry-After header, or null
   */
  record Reply(int status, String body, String retryAfter) {}

  /**
   * A request as the server saw it.
   *
   * @param query the decoded query parameters
   * @param appToken the X-App-Token header, or null
   */
  record Request(Map<String, String> query, String appToken) {}

  private static final DateTimeFormatter FIXED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final ObjectMapper mapper = EventCodec.newObjectMapper();
  private final HttpServer server;
  private final List<ObjectNode> rows = new ArrayList<>();
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private int pagesServed;
  private int failAfterPages = Integer.MAX_VALUE;
  private IntConsumer onPage = page -> {};

  private SodaTestServer(List<ObjectNode> rows) throws IOException {
    this.rows.addAll(rows);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(PATH, this::handle);
    server.start();
  }

  /** Serves the fixture's rows (a JSON array of Socrata rows). */
  static SodaTestServer serving(List<ObjectNode> rows) throws IOException {
    return new SodaTestServer(rows);
  }

  /** The fixture rows committed under src/test/resources. */
  static List<ObjectNode> fixtureRows() {
    try (InputStream in = SodaTestServer.class.getResourceAsStream(SodaFixtureTest.RESOURCE)) {
      JsonNode array = EventCodec.newObjectMapper().readTree(in);
      List<ObjectNode> rows = new ArrayList<>();
      array.forEach(row -> rows.add((ObjectNode) row.deepCopy()));
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  synchronized void script(Reply... replies) {
    script.addAll(List.of(replies));
  }

  /** After {@code pages} pages of rows, every request is answered 503 (a server that went down). */
  synchronized void failAfterPages(int pages) {
    failAfterPages = pages;
  }

  /** Called with the page number after each page of rows is handed out. */
  synchronized void onPage(IntConsumer hook) {
    onPage = hook;
  }

  /** The data set changes a row: new :updated_at, and whatever {@code change} does to its fields. */
  synchronized void update(String rowId, Instant updatedAt, Consumer<ObjectNode> change) {
    ObjectNode row = rows.stream().filter(r -> r.get(":id").asText().equals(rowId)).findFirst().orElseThrow();
    row.put(":updated_at", FIXED.format(updatedAt));
    change.accept(row);
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  synchronized int pagesServed() {
    return pagesServed;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Reply reply;
    IntConsumer hook = null;
    int page = 0;
    synchronized (this) {
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      requests.add(new Request(query, exchange.getRequestHeaders().getFirst("X-App-Token")));
      if (!script.isEmpty()) {
        reply = script.poll();
      } else if (pagesServed >= failAfterPages) {
        reply = new Reply(503, "{\"message\":\"Service Unavailable\"}", null);
      } else {
        reply = page(query);
        if (reply.status() == 200) {
          page = ++pagesServed;
          hook = onPage;
        }
      }
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    if (reply.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
    }
    exchange.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    if (hook != null) {
      hook.accept(page);
    }
  }

  /** The rows the query asks for, or the 400 Socrata gives a query it cannot run. */
  private Reply page(Map<String, String> query) throws IOException {
    for (String name : query.keySet()) {
      if (!PARAMETERS.contains(name)) {
        return error("parameter " + name + " is not served here");
      }
    }
    if (!":*,*".equals(query.get("$select")) || !":updated_at,:id".equals(query.get("$order"))) {
      return error("expected $select=:*,* and $order=:updated_at,:id, got " + query);
    }
    int limit;
    try {
      limit = Integer.parseInt(query.get("$limit"));
    } catch (NumberFormatException e) {
      return error("$limit " + query.get("$limit") + " is not a number");
    }
    Instant after = null;
    String afterId = null;
    if (query.containsKey("$where")) {
      Matcher where = AFTER_MARK.matcher(query.get("$where"));
      if (!where.matches() || !where.group(1).equals(where.group(2))) {
        return error("Could not parse SoQL query \"" + query.get("$where") + "\"");
      }
      after = LocalDateTime.parse(where.group(1)).toInstant(ZoneOffset.UTC); // a literal without zone is UTC
      afterId = where.group(3).replace("''", "'");
    }
    Comparator<ObjectNode> order = Comparator.comparing((ObjectNode r) -> updatedAt(r))
        .thenComparing(r -> r.get(":id").asText());
    Instant from = after;
    String fromId = afterId;
    List<String> page = new ArrayList<>();
    for (ObjectNode row : rows.stream().sorted(order).toList()) {
      Instant updated = updatedAt(row);
      String id = row.get(":id").asText();
      boolean later = from == null || updated.isAfter(from) || (updated.equals(from) && id.compareTo(fromId) > 0);
      if (later && page.size() < limit) {
        page.add(mapper.writeValueAsString(row));
      }
    }
    return new Reply(200, "[" + String.join(",\n", page) + "]\n", null);
  }

  private static Instant updatedAt(ObjectNode row) {
    return Instant.parse(row.get(":updated_at").asText());
  }

  private Reply error(String message) throws IOException {
    Map<String, Object> body = new HashMap<>();
    body.put("message", message);
    body.put("errorCode", "query.soql.invalid");
    return new Reply(400, mapper.writeValueAsString(body), null);
  }

  private static Map<String, String> query(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    return List.of(raw.split("&")).stream()
        .map(p -> p.split("=", 2))
        .collect(Collectors.toMap(
            p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
            p -> p.length < 2 ? "" : URLDecoder.decode(p[1], StandardCharsets.UTF_8),
            (a, b) -> b));
  }
}
