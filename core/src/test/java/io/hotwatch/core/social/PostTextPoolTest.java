package io.hotwatch.core.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading pool files: quoted texts with commas and line breaks survive; a broken file is refused with the reason. */
class PostTextPoolTest {

  @TempDir Path dir;

  @Test
  void readsQuotedTextsUnchanged() throws Exception {
    Path file = write("event,tweet_id,informativeness,text\r\n"
        + "2013_Boston_bombings,324,Related and informative,\"Explosion at Copley, \"\"stay away\"\"\nplease\"\r\n");

    assertThat(PostTextPool.read(file).entries()).containsExactly(new PostTextPool.Entry(
        "2013_Boston_bombings", "324", "Related and informative", "Explosion at Copley, \"stay away\"\nplease"));
  }

  @Test
  void refusesAWrongHeaderAnEmptyTextAShortRowAndNoRows() throws Exception {
    Path header = write("event,id,text\r\nx,1,hello\r\n");
    assertThatThrownBy(() -> PostTextPool.read(header)).isInstanceOf(IOException.class)
        .hasMessageContaining("header [event, id, text] is not [event, tweet_id, informativeness, text]");

    Path empty = write("event,tweet_id,informativeness,text\r\nx,1,Not related,\"  \"\r\n");
    assertThatThrownBy(() -> PostTextPool.read(empty)).hasMessageEndingWith("line 2: text is empty");

    Path shortRow = write("event,tweet_id,informativeness,text\r\nx,1,Not related\r\n");
    assertThatThrownBy(() -> PostTextPool.read(shortRow)).hasMessageEndingWith("row has 3 columns, header has 4");

    Path none = write("event,tweet_id,informativeness,text\r\n");
    assertThatThrownBy(() -> PostTextPool.read(none)).hasMessageEndingWith("holds no post texts");
  }

  private Path write(String content) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "pool", ".csv"), content);
  }
}
