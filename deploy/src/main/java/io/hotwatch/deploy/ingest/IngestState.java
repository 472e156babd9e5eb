package io.hotwatch.deploy.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.json.EventCodec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * What an ingest keeps between runs, in its state file: the endpoint it reads, its {@link HighWaterMark} (the last row
 * produced and flushed) and running totals.
 *
 * @param url the endpoint the mark belongs to (a state file is never applied to another one)
 * @param updatedAt the mark's {@code :updated_at}
 * @param rowId the mark's {@code :id}
 * @param pages pages produced so far, over every run
 * @param produced incidents produced so far
 * @param rejected rows sent to the dead-letter topic so far
 * @param savedAt when this state was written
 */
public record IngestState(
    String url, Instant updatedAt, String rowId, long pages, long produced, long rejected, Instant savedAt) {

  private static final ObjectMapper MAPPER = EventCodec.newObjectMapper();

  public HighWaterMark mark() {
    return new HighWaterMark(updatedAt, rowId);
  }

  /** The state in {@code file}, if there is one; a file that is not a state fails with the reason. */
  public static Optional<IngestState> load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    IngestState state;
    try {
      state = MAPPER.readValue(file.toFile(), IngestState.class);
    } catch (JsonProcessingException e) {
      throw new IOException("state file " + file + " is not an ingest state: " + e.getOriginalMessage(), e);
    }
    if (state == null || state.url() == null || state.updatedAt() == null || state.rowId() == null) {
      throw new IOException("state file " + file + " lacks url, updatedAt or rowId");
    }
    return Optional.of(state);
  }

  /**
   * Writes the state to {@code file} atomically: a temporary file beside it, forced to disk, then moved over it. A
   * crash leaves the old state or the new one, never a torn file.
   */
  public void save(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    byte[] json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      Files.write(temp, json);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
