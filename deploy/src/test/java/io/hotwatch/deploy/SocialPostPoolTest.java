package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotwatch.core.social.PostTextPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled pool of post texts is what {@link SocialPostPoolMaker} makes from CrisisLexT26 in ../shared/data. Run
 * with {@code -Dhotwatch.pool.rewrite=true} to write it again.
 */
class SocialPostPoolTest {

  static final Path BUNDLED = Path.of("demo/data/social-posts-pool.csv.gz");

  static Path crisisLex() {
    Path dir = Path.of(System.getProperty("hotwatch.data.dir", "../../shared/data")).resolve("crisislext26-tweets");
    assumeTrue(Files.isDirectory(dir), "CrisisLexT26 not found at " + dir);
    return dir;
  }

  @Test
  void bundledPoolIsWhatTheMakerMakesFromCrisisLex(@TempDir Path tmp) throws Exception {
    List<PostTextPool.Entry> chosen = SocialPostPoolMaker.choose(crisisLex());
    if (Boolean.getBoolean("hotwatch.pool.rewrite")) {
      SocialPostPoolMaker.write(chosen, BUNDLED);
    }
    Path made = tmp.resolve("pool.csv.gz");
    SocialPostPoolMaker.write(chosen, made);

    assertThat(PostTextPool.read(BUNDLED).entries()).isEqualTo(PostTextPool.read(made).entries()).isEqualTo(chosen);
    assertThat(Files.readAllBytes(BUNDLED)).isEqualTo(Files.readAllBytes(made));
    assertThat(SocialPostPoolMaker.choose(crisisLex())).as("chosen the same way twice").isEqualTo(chosen);
  }

  @Test
  void bundledPoolHoldsEveryCrimeLikeEventRelatedAndNot() throws Exception {
    List<PostTextPool.Entry> pool = PostTextPool.read(BUNDLED).entries();

    assertThat(pool).hasSizeBetween(100, 300);
    assertThat(pool.stream().map(PostTextPool.Entry::event).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(SocialPostPoolMaker.EVENTS);
    assertThat(pool.stream().map(PostTextPool.Entry::informativeness).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("Related and informative", "Related - but not informative", "Not related");
    Set<String> ids = new HashSet<>();
    assertThat(pool).allSatisfy(e -> {
      assertThat(e.text()).isNotBlank();
      assertThat(ids.add(e.tweetId())).as("tweet %s chosen once", e.tweetId()).isTrue();
    });
  }
}
