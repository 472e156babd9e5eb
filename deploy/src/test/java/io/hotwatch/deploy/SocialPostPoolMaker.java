package io.hotwatch.deploy;

import io.hotwatch.core.social.PostTextPool;
import io.hotwatch.core.source.CrisisLexReader;
import io.hotwatch.core.source.LabelledPost;
import io.hotwatch.core.source.ParsedRow;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVPrinter;

/**
 * Makes the demo's pool of real post texts (deploy/demo/data/social-posts-pool.csv.gz) from CrisisLexT26: for each
 * crime-like event, a fixed number of texts per label, chosen by a seeded shuffle of the event's tweets in id order.
 * {@link SocialPostPoolTest} checks that the bundled file is exactly what this makes, and rewrites it on request.
 */
final class SocialPostPoolMaker {

  /** The police- and crime-like events of CrisisLexT26 (see the data set's README); the rest are natural disasters. */
  static final List<String> EVENTS = List.of(
      "2013_Boston_bombings", "2013_LA_airport_shootings", "2013_West_Texas_explosion", "2013_Brazil_nightclub_fire",
      "2013_NY_train_crash", "2013_Glasgow_helicopter_crash", "2012_Venezuela_refinery");

  /** Texts per event and label: mostly related, as around a real incident, but enough unrelated chatter to filter. */
  static final Map<String, Integer> PER_LABEL = Map.of(
      "Related and informative", 24,
      "Related - but not informative", 8,
      "Not related", 8);

  static final long SEED = 20170701L;

  private SocialPostPoolMaker() {}

  /** The pool's entries: events in {@link #EVENTS} order, labels in a fixed order, each group in seeded order. */
  static List<PostTextPool.Entry> choose(Path crisisLexDir) throws IOException {
    List<PostTextPool.Entry> pool = new ArrayList<>();
    for (String event : EVENTS) {
      List<LabelledPost> posts = new ArrayList<>();
      try (Stream<ParsedRow<LabelledPost>> rows =
          CrisisLexReader.readLabelled(crisisLexDir.resolve(event).resolve(event + CrisisLexReader.FILE_SUFFIX))) {
        rows.filter(ParsedRow::isOk).map(ParsedRow::value).forEach(posts::add);
      }
      posts.sort(Comparator.comparing(p -> Long.parseLong(p.post().id())));
      for (String label : PER_LABEL.keySet().stream().sorted().toList()) {
        List<LabelledPost> withLabel = new ArrayList<>(posts.stream()
            .filter(p -> p.informativeness().equals(label)).toList());
        Collections.shuffle(withLabel, new Random(SEED));
        withLabel.stream()
            .limit(PER_LABEL.get(label))
            .map(p -> new PostTextPool.Entry(event, p.post().id(), label, p.post().text()))
            .forEach(pool::add);
      }
    }
    return pool;
  }

  /** Writes entries as a gzipped pool file (gzip's header carries no time in Java, so equal pools give equal bytes). */
  static void write(List<PostTextPool.Entry> entries, Path file) throws IOException {
    try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(out, PostTextPool.FORMAT)) {
      for (PostTextPool.Entry e : entries) {
        csv.printRecord(e.event(), e.tweetId(), e.informativeness(), e.text());
      }
    }
  }
}
