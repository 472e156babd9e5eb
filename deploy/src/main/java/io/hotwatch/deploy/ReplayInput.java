package io.hotwatch.deploy;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.social.PostTextPool;
import io.hotwatch.core.social.SimulatedPosts;
import io.hotwatch.core.source.ChicagoCrimeReader;
import io.hotwatch.core.source.CrisisLexReader;
import io.hotwatch.core.source.DataFiles;
import io.hotwatch.core.source.DcAlertTweetReader;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.NypdShootingReader;
import io.hotwatch.core.source.ParsedRow;
import io.hotwatch.core.source.SocialPostFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a replay sends: one kind of event sorted by event time, plus the count and reasons of the input rows that could
 * not be parsed.
 *
 * <p>Rows are held in memory as parsed records (a year of Chicago is about 270,000); they are encoded when sent.
 * {@code rejected} counts every unparseable row of the inputs whatever its date, because a row that cannot be parsed
 * has no time to filter on; {@code outsideWindow} counts parsed rows left out by the date range.
 *
 * @param kind incidents or social posts (one replay sends one kind, to one topic)
 * @param records the events to send, by event time; equal times keep their input order
 * @param rejected input rows that could not be parsed
 * @param rejections rejection reasons with their row counts, values in the reasons masked so that alike rows add up
 * @param outsideWindow parsed rows left out by the date range
 */
public record ReplayInput(
    Kind kind, List<ReplayRecord> records, long rejected, Map<String, Long> rejections, long outsideWindow) {

  /** The kind of events, with the topic they go to by default. */
  public enum Kind {
    INCIDENTS("incidents"),
    SOCIAL_POSTS("social-posts");

    private final String defaultTopic;

    Kind(String defaultTopic) {
      this.defaultTopic = defaultTopic;
    }

    public String defaultTopic() {
      return defaultTopic;
    }
  }

  public ReplayInput {
    records = List.copyOf(records);
    rejections = Map.copyOf(rejections);
  }

  /** Already parsed incidents (e.g. built by a test or the demo), sorted by occurrence time. */
  public static ReplayInput ofIncidents(List<Incident> incidents) {
    return new ReplayInput(Kind.INCIDENTS, sorted(incidents.stream().map(ReplayRecord::of)), 0, Map.of(), 0);
  }

  /** Already parsed social posts, sorted by posting time. */
  public static ReplayInput ofSocialPosts(List<SocialPost> posts) {
    return new ReplayInput(Kind.SOCIAL_POSTS, sorted(posts.stream().map(ReplayRecord::of)), 0, Map.of(), 0);
  }

  /**
   * A simulated social stream for these incidents ({@link SimulatedPosts}): real texts from {@code pool} posted
   * shortly after and near a seeded share of them, all marked simulated, as social posts to replay alongside.
   *
   * @throws IllegalStateException when this input holds social posts, not incidents
   */
  public ReplayInput simulatedSocialPosts(PostTextPool pool, SimulatedPosts.Settings settings) {
    if (kind != Kind.INCIDENTS) {
      throw new IllegalStateException("social posts are simulated from incidents, but this input holds social posts");
    }
    List<Incident> incidents = records.stream().map(r -> (Incident) r.event()).toList();
    return ofSocialPosts(SimulatedPosts.place(incidents, pool, settings));
  }

  /**
   * Reads incident files (Chicago, NYPD) or social-post files and folders (CrisisLexT26, DC alerts), recognised by
   * content, keeps the events inside {@code window} and sorts them by event time.
   *
   * @throws IOException when a path is missing or of no known format, or when the inputs mix incidents and posts
   */
  public static ReplayInput load(List<Path> inputs, ReplayWindow window) throws IOException {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no input files given");
    }
    Kind kind = null;
    for (Path input : inputs) {
      Kind k = kindOf(input);
      if (kind != null && k != kind) {
        throw new IOException("inputs mix incident and social-post files (" + input + " is " + describe(k)
            + ", an earlier input is " + describe(kind) + "): replay them in separate runs");
      }
      kind = k;
    }
    Tally tally = new Tally(window);
    List<ReplayRecord> records = new ArrayList<>();
    for (Path input : inputs) {
      if (kind == Kind.INCIDENTS) {
        try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(input)) {
          rows.forEach(row -> tally.add(row, ReplayRecord::of, Incident::source, records));
        }
      } else {
        try (Stream<ParsedRow<SocialPost>> rows = SocialPostFiles.read(input)) {
          rows.forEach(row -> tally.add(row, ReplayRecord::of, SocialPost::source, records));
        }
      }
    }
    return new ReplayInput(kind, sorted(records.stream()), tally.rejected, tally.reasons, tally.outsideWindow);
  }

  /** Which kind of data a path holds, judged by its content. */
  static Kind kindOf(Path input) throws IOException {
    if (!Files.exists(input)) {
      throw new IOException("input " + input + " does not exist");
    }
    if (SocialPostFiles.accepts(input)) {
      return Kind.SOCIAL_POSTS;
    }
    if (Files.isRegularFile(input)) {
      String header = DataFiles.firstLine(input);
      if (ChicagoCrimeReader.accepts(header) || NypdShootingReader.accepts(header)) {
        return Kind.INCIDENTS;
      }
    }
    throw new IOException("input " + input + " is none of the supported data sets (Chicago crimes CSV, NYPD shootings"
        + " CSV, CrisisLexT26 labelled tweets, DC police alert GeoJSON)");
  }

  /** The zone a data set's local dates are read in; UTC for data sets that span the world. */
  public static ZoneId zoneOf(String source) {
    return switch (source) {
      case ChicagoCrimeReader.SOURCE -> ChicagoCrimeReader.ZONE;
      case NypdShootingReader.SOURCE -> NypdShootingReader.ZONE;
      case DcAlertTweetReader.SOURCE -> DcAlertTweetReader.ZONE;
      case CrisisLexReader.SOURCE -> ZoneOffset.UTC;
      default -> ZoneOffset.UTC;
    };
  }

  /** A rejection reason with its values masked ("incident 10239874 has no location" -> "incident N has ..."). */
  public static String reasonKind(String reason) {
    return reason.replaceAll("'[^']*'", "'…'").replaceAll("\\d+(\\.\\d+)?", "N");
  }

  private static String describe(Kind kind) {
    return kind == Kind.INCIDENTS ? "incidents" : "social posts";
  }

  private static List<ReplayRecord> sorted(Stream<ReplayRecord> records) {
    // List.sort is stable: events at the same time keep their input order.
    List<ReplayRecord> list = new ArrayList<>(records.toList());
    list.sort(Comparator.comparing(ReplayRecord::eventTime));
    return list;
  }

  private static final class Tally {
    private final ReplayWindow window;
    private final Map<String, Long> reasons = new TreeMap<>();
    private long rejected;
    private long outsideWindow;

    Tally(ReplayWindow window) {
      this.window = window;
    }

    <T> void add(ParsedRow<T> row, Function<T, ReplayRecord> toRecord, Function<T, String> source, List<ReplayRecord> out) {
      if (!row.isOk()) {
        rejected++;
        reasons.merge(reasonKind(row.rejection()), 1L, Long::sum);
        return;
      }
      ReplayRecord record = toRecord.apply(row.value());
      if (window.contains(record.eventTime(), zoneOf(source.apply(row.value())))) {
        out.add(record);
      } else {
        outsideWindow++;
      }
    }
  }
}
