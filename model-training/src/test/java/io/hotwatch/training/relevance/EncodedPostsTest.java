package io.hotwatch.training.relevance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.social.PostFeaturizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sparse rows training keeps give back exactly the vectors the model's featurizer makes at scoring time. */
class EncodedPostsTest {

  @Test
  void trainingRowsAreTheScoringVectors() throws Exception {
    List<LabelledText> posts =
        RelevanceCorpus.read(CrisisLexData.folder()).posts("2013_West_Texas_explosion").subList(0, 200);
    PostFeaturizer featurizer = new PostFeaturizer(PostFeaturizer.DEFAULT_WIDTH);

    EncodedPosts encoded = new EncodedPosts(featurizer, posts);

    assertThat(encoded.size()).isEqualTo(200);
    for (int i = 0; i < posts.size(); i++) {
      float[] row = new float[featurizer.width()];
      encoded.copyRow(i, row, 0);
      assertThat(row).as(posts.get(i).text()).containsExactly(featurizer.encode(posts.get(i).text()));
      assertThat(encoded.related(i)).isEqualTo(posts.get(i).related());
    }
  }
}
