package io.hotwatch.training.relevance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelevanceCorpusTest {

  @Test
  void readsAll26EventsAndLeavesOutNotApplicable() throws Exception {
    RelevanceCorpus corpus = RelevanceCorpus.read(CrisisLexData.folder());

    assertThat(corpus.events()).hasSize(26).contains("2013_LA_airport_shootings", "2012_Costa_Rica_earthquake");
    long kept = corpus.sizes().values().stream().mapToLong(Integer::longValue).sum();
    // the folder README's 27,933 rows, each either kept, not applicable or rejected
    assertThat(kept + corpus.notApplicable() + corpus.rejected()).isEqualTo(27_933);
    assertThat(corpus.notApplicable()).isEqualTo(489);
    assertThat(corpus.rejected()).isZero();
    List<LabelledText> la = corpus.posts("2013_LA_airport_shootings");
    // 682 + 230 related, 87 not related, 33 not applicable
    assertThat(la).hasSize(999);
    assertThat(la.stream().filter(LabelledText::related).count()).isEqualTo(912);
  }

  @Test
  void anUnknownLabelFailsNamingTheEventAndLine(@TempDir Path dir) throws IOException {
    // a hand-made file: the real data has no such label
    Path event = Files.createDirectories(dir.resolve("2099_Test_event"));
    Files.writeString(
        event.resolve("2099_Test_event-tweets_labeled.csv"),
        "Tweet ID, Tweet Text, Information Source, Information Type, Informativeness\n"
            + "\"396313082466541568\",\"Something's happening @ #LAX\",Outsiders,Other Useful Information,Not related\n"
            + "\"396313082466541569\",\"lol\",Outsiders,Other Useful Information,Maybe\n");

    assertThatThrownBy(() -> RelevanceCorpus.read(dir))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "2099_Test_event line 2: Informativeness 'Maybe' is not one of 'Related and informative'");
  }

  @Test
  void aRowWithoutUsableIdIsCountedNotDropped(@TempDir Path dir) throws IOException {
    Path event = Files.createDirectories(dir.resolve("2099_Test_event"));
    Files.writeString(
        event.resolve("2099_Test_event-tweets_labeled.csv"),
        "Tweet ID, Tweet Text, Information Source, Information Type, Informativeness\n"
            + "\"abc\",\"Fire downtown\",Eyewitness,Other Useful Information,Related and informative\n"
            + "\"396313082466541568\",\"Something's happening @ #LAX\",Outsiders,Other Useful Information,"
            + "Not related\n");

    RelevanceCorpus corpus = RelevanceCorpus.read(dir);

    assertThat(corpus.rejected()).isEqualTo(1);
    assertThat(corpus.firstRejection()).isEqualTo("line 1: 2099_Test_event: Tweet ID 'abc' is not an integer");
    assertThat(corpus.posts("2099_Test_event")).hasSize(1);
  }

  @Test
  void splitsByWholeEventsAndNamesWhatIsWrong() {
    List<String> events = List.of("a", "b", "c", "d");

    EventSplit split = EventSplit.of(events, List.of("d"), List.of("b"));

    assertThat(split.training()).containsExactly("a", "c");
    assertThatThrownBy(() -> EventSplit.of(events, List.of("x"), List.of("b")))
        .hasMessage("held-out event x is not in the input (4 events)");
    assertThatThrownBy(() -> EventSplit.of(events, List.of("b"), List.of("b")))
        .hasMessage("event b is both held out and in validation");
    assertThatThrownBy(() -> EventSplit.of(events, List.of("a", "b"), List.of("c", "d")))
        .hasMessage("no training events left after holding out 2 and validating on 2");
  }

  @Test
  void theDefaultHeldOutAndValidationEventsExistAndDoNotOverlap() throws Exception {
    RelevanceCorpus corpus = RelevanceCorpus.read(CrisisLexData.folder());

    EventSplit split = EventSplit.of(corpus.events(), EventSplit.DEFAULT_HELD_OUT, EventSplit.DEFAULT_VALIDATION);

    assertThat(split.training()).hasSize(16).doesNotContainAnyElementsOf(split.heldOut());
  }
}
