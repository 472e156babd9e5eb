package io.hotwatch.deploy.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.hotwatch.core.json.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Socrata (SODA 2.x) data set's rows page by page in {@code (:updated_at, :id)} order, each page the rows
 * strictly after a {@link HighWaterMark}: {@code $select=:*,*} (the system fields with the data), {@code $where},
 * {@code $order}, {@code $limit}. Paging by the mark rather than by {@code $offset} keeps pages stable while the data
 * set changes: a row updated between two requests moves behind the mark instead of shifting every later row.
 *
 * <p>HTTP 429 and 5xx, connection failures and a 200 whose body is not a JSON array are tried again with backoff
 * ({@link RetryPolicy}); any other 4xx fails at once, with the server's message.
 */
public final class SodaClient {

  private static final Logger LOG = LoggerFactory.getLogger(SodaClient.class);

  /** How long a request may take before it counts as failed (and is tried again). */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final URI resource;
  private final String appToken;
  private final RetryPolicy retry;
  private final HttpClient http;
  private final ObjectMapper mapper = EventCodec.newObjectMapper();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile CompletableFuture<HttpResponse<String>> inFlight;

  /** {@code resource}: the data set's JSON endpoint; {@code appToken} may be null. */
  public SodaClient(URI resource, String appToken, RetryPolicy retry) {
    this.resource = resource;
    this.appToken = appToken;
    this.retry = retry;
    this.http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** Thrown when {@link #stop()} ended a request or a backoff. */
  public static final class StoppedException extends Exception {
    private static final long serialVersionUID = 1L;

    StoppedException() {
      super("stopped");
    }
  }

  /** Ends the request in flight and any backoff; every later {@link #rowsAfter} throws {@link StoppedException}. */
  public void stop() {
    stopped.countDown();
    CompletableFuture<HttpResponse<String>> request = inFlight;
    if (request != null) {
      request.cancel(true);
    }
  }

  /** Up to {@code limit} rows after {@code mark} in (:updated_at, :id) order; from the first row when it is null. */
  public List<SodaRow> rowsAfter(HighWaterMark mark, int limit) throws IOException, InterruptedException,
      StoppedException {
    URI uri = pageUri(mark, limit);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json")
        .GET();
    if (appToken != null && !appToken.isBlank()) {
      request.header("X-App-Token", appToken);
    }
    for (int attempt = 1; ; attempt++) {
      String failure = "no response";
      Duration retryAfter = null;
      HttpResponse<String> response = null;
      try {
        response = send(request.build());
      } catch (IOException e) {
        failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (response != null) {
        int status = response.statusCode();
        if (status == 200) {
          List<SodaRow> rows = rows(response.body());
          if (rows != null) {
            return rows;
          }
          failure = "the response is not a JSON array: " + excerpt(response.body());
        } else if (status == 429 || status >= 500) {
          failure = "HTTP " + status + message(response.body());
          retryAfter = retryAfter(response);
        } else {
          throw new IOException(resource + " answered HTTP " + status + message(response.body()));
        }
      }
      if (attempt >= retry.attempts()) {
        throw new IOException(resource + " failed " + attempt + " times, last: " + failure);
      }
      Duration wait = retry.backoff(attempt, retryAfter);
      LOG.warn("{} (try {} of {}); trying again in {} ms", failure, attempt, retry.attempts(), wait.toMillis());
      if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new StoppedException();
      }
    }
  }

  /** The request for the page after {@code mark}. */
  URI pageUri(HighWaterMark mark, int limit) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("$select", ":*,*");
    if (mark != null) {
      query.put("$where", mark.soqlAfter());
    }
    query.put("$order", ":updated_at,:id");
    query.put("$limit", Integer.toString(limit));
    String encoded = query.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    String base = resource.toString();
    return URI.create(base + (resource.getRawQuery() == null ? "?" : "&") + encoded);
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException,
      StoppedException {
    if (stopped.getCount() == 0) {
      throw new StoppedException();
    }
    CompletableFuture<HttpResponse<String>> response =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    inFlight = response;
    try {
      return response.get();
    } catch (CancellationException e) {
      throw new StoppedException();
    } catch (ExecutionException e) {
      // A request cancelled by stop() may also fail with the client's IOException "Request cancelled" rather than
      // a CancellationException, depending on where the exchange was: either way it was stopped, not a failure.
      if (stopped.getCount() == 0) {
        throw new StoppedException();
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } finally {
      inFlight = null;
    }
  }

  /** The rows of a JSON array, each with its exact text; null when the body is not a JSON array. */
  private List<SodaRow> rows(String body) {
    List<SodaRow> rows = new ArrayList<>();
    try (JsonParser parser = mapper.getFactory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        if (token == null) {
          return null;
        }
        int from = (int) parser.currentTokenLocation().getCharOffset();
        JsonNode node = token == JsonToken.VALUE_NULL ? NullNode.getInstance() : mapper.readTree(parser);
        int to = (int) parser.currentLocation().getCharOffset();
        rows.add(new SodaRow(body.substring(from, to), node));
      }
      if (parser.nextToken() != null) {
        return null;
      }
      return rows;
    } catch (IOException e) {
      return null;
    }
  }

  /** ": message" from a Socrata error body ({"message": ...}), or the start of any other body. */
  private String message(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode error = mapper.readTree(body);
      if (error != null && error.hasNonNull("message")) {
        return ": " + error.get("message").asText().replaceAll("\\s+", " ");
      }
    } catch (IOException e) {
      // not JSON: quote it
    }
    return ": " + excerpt(body);
  }

  private static Duration retryAfter(HttpResponse<String> response) {
    return response.headers().firstValue("Retry-After")
        .filter(v -> v.strip().matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
        .orElse(null);
  }

  private static String excerpt(String body) {
    String line = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return line.length() <= 120 ? "'" + line + "'" : "'" + line.substring(0, 120) + "...'";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
