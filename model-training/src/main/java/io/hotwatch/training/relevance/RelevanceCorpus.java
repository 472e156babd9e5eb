package io.hotwatch.training.relevance;

import io.hotwatch.core.source.CrisisLexReader;
import io.hotwatch.core.source.LabelledPost;
import io.hotwatch.core.source.ParsedRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CrisisLexT26 labelled tweets as a binary relevance corpus, grouped by crisis event.
 *
 * <p>"Related and informative" and "Related - but not informative" are related; "Not related" is not. "Not
 * applicable" (1.8% of the rows; in a sample, mostly posts not in English, and some spam) is left out of training and
 * evaluation and counted: it is the annotators' answer neither way. Rows the
 * reader rejects (no usable tweet id, empty text) are counted with their first reason, never dropped silently; any
 * other label means the file is not what it claims, and reading fails.
 */
public final class RelevanceCorpus {

  /** How the labels become the binary target, for the model's metadata. */
  public static final String LABEL_RULE =
      "related = 'Related and informative' or 'Related - but not informative'; not related = 'Not related'; "
          + "'Not applicable' left out";

  static final String RELATED_INFORMATIVE = "Related and informative";
  static final String RELATED_NOT_INFORMATIVE = "Related - but not informative";
  static final String NOT_RELATED = "Not related";
  static final String NOT_APPLICABLE = "Not applicable";

  private final SortedMap<String, List<LabelledText>> byEvent;
  private final long notApplicable;
  private final long rejected;
  private final String firstRejection;

  private RelevanceCorpus(
      SortedMap<String, List<LabelledText>> byEvent, long notApplicable, long rejected, String firstRejection) {
    this.byEvent = byEvent;
    this.notApplicable = notApplicable;
    this.rejected = rejected;
    this.firstRejection = firstRejection;
  }

  /** Reads the folder of all events (or of one event); fails on a missing folder or an unknown label. */
  public static RelevanceCorpus read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("input " + dir + " is not a folder (expected the CrisisLexT26 folder)");
    }
    SortedMap<String, List<LabelledText>> byEvent = new TreeMap<>();
    long notApplicable = 0;
    long rejected = 0;
    String firstRejection = null;
    try (Stream<ParsedRow<LabelledPost>> rows = CrisisLexReader.readLabelled(dir)) {
      for (ParsedRow<LabelledPost> row : (Iterable<ParsedRow<LabelledPost>>) rows::iterator) {
        if (!row.isOk()) {
          rejected++;
          firstRejection = firstRejection == null ? "line " + row.line() + ": " + row.rejection() : firstRejection;
          continue;
        }
        LabelledPost post = row.value();
        String label = post.informativeness();
        boolean related;
        if (label.equals(RELATED_INFORMATIVE) || label.equals(RELATED_NOT_INFORMATIVE)) {
          related = true;
        } else if (label.equals(NOT_RELATED)) {
          related = false;
        } else if (label.equals(NOT_APPLICABLE)) {
          notApplicable++;
          continue;
        } else {
          throw new IOException(
              post.event() + " line " + row.line() + ": Informativeness '" + label + "' is not one of '"
                  + RELATED_INFORMATIVE + "', '" + RELATED_NOT_INFORMATIVE + "', '" + NOT_RELATED + "', '"
                  + NOT_APPLICABLE + "'");
        }
        byEvent
            .computeIfAbsent(post.event(), e -> new ArrayList<>())
            .add(new LabelledText(post.event(), post.post().id(), post.post().text(), related));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new RelevanceCorpus(byEvent, notApplicable, rejected, firstRejection);
  }

  /** Event names, sorted. */
  public List<String> events() {
    return List.copyOf(byEvent.keySet());
  }

  public boolean has(String event) {
    return byEvent.containsKey(event);
  }

  /** One event's posts in file order. */
  public List<LabelledText> posts(String event) {
    List<LabelledText> posts = byEvent.get(event);
    if (posts == null) {
      throw new IllegalArgumentException("event " + event + " is not in the corpus");
    }
    return posts;
  }

  /** The posts of several events, event after event in the given order. */
  public List<LabelledText> posts(Collection<String> events) {
    List<LabelledText> all = new ArrayList<>();
    events.forEach(e -> all.addAll(posts(e)));
    return all;
  }

  /** Posts per event. */
  public Map<String, Integer> sizes() {
    Map<String, Integer> sizes = new TreeMap<>();
    byEvent.forEach((event, posts) -> sizes.put(event, posts.size()));
    return sizes;
  }

  /** Rows labelled "Not applicable", left out. */
  public long notApplicable() {
    return notApplicable;
  }

  /** Rows the reader rejected. */
  public long rejected() {
    return rejected;
  }

  /** The first rejected row's line and reason, or null. */
  public String firstRejection() {
    return firstRejection;
  }
}
