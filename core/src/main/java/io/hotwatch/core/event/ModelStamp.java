package io.hotwatch.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.model.CategoryModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which category model scored an event: enough to tell two trainings apart and to find the artifact again.
 *
 * @param checksum {@code sha256:} and the hex SHA-256 of the artifact's network file ({@code model.zip})
 * @param featureSchemaVersion the feature encoding it was trained with
 * @param trainedFrom first incident time of its training data (ISO-8601)
 * @param trainedTo last incident time of its training data (ISO-8601)
 */
public record ModelStamp(String checksum, int featureSchemaVersion, String trainedFrom, String trainedTo) {

  /** The stamp of the model artifact in {@code dir}, from its network file and {@code metadata.json}. */
  public static ModelStamp read(Path dir) throws IOException {
    byte[] network = Files.readAllBytes(dir.resolve(CategoryModel.NETWORK_FILE));
    JsonNode metadata = EventCodec.newObjectMapper().readTree(dir.resolve(CategoryModel.METADATA_FILE).toFile());
    try {
      String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(network));
      return new ModelStamp(
          "sha256:" + sha256,
          metadata.path("featureSchemaVersion").asInt(-1),
          metadata.path("trainedFrom").asText(""),
          metadata.path("trainedTo").asText(""));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
