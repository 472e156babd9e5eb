package io.hotwatch.deploy.containers;

import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Hotwatch's container images, built once per test JVM from the contexts the build assembled in target/docker, so that
 * every test class runs the same images.
 */
final class HotwatchImages {

  /** Java runtime image to build from, instead of each Dockerfile's public default (system property or env). */
  static final String BASE_IMAGE_PROPERTY = "hotwatch.base.image";
  /** What {@code container-engine base-image} builds where no public image can be pulled. */
  static final String LOCAL_BASE_IMAGE = "localhost/jre-base:17";

  private static final Path CONTEXTS = Path.of(System.getProperty("hotwatch.docker.context", "target/docker"));
  private static final Map<String, String> BUILT = new HashMap<>();

  private HotwatchImages() {}

  static String kafka() {
    return image("kafka");
  }

  static String flink() {
    return image("flink");
  }

  static String dashboard() {
    return image("dashboard");
  }

  static String tools() {
    return image("tools");
  }

  /** Builds {@code hotwatch-<name>:test} from its context (once) and returns the image name. */
  private static synchronized String image(String name) {
    return BUILT.computeIfAbsent(name, HotwatchImages::build);
  }

  private static String build(String name) {
    Path context = CONTEXTS.resolve(name);
    if (!Files.isRegularFile(context.resolve("Dockerfile"))) {
      throw new IllegalStateException(
          "no image context at " + context + ": the deploy module's package phase assembles it");
    }
    ImageFromDockerfile image =
        new ImageFromDockerfile("hotwatch-" + name + ":test", false).withFileFromPath(".", context);
    String base = baseImage();
    if (base != null) {
      image.withBuildArg("BASE_IMAGE", base);
    }
    return image.get();
  }

  /**
   * The base every image is built from: the property or environment variable when set, else the local Java runtime
   * image when the engine has it, else null (each Dockerfile's public default).
   */
  static String baseImage() {
    String configured = System.getProperty(BASE_IMAGE_PROPERTY, System.getenv("HOTWATCH_BASE_IMAGE"));
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    try {
      DockerClientFactory.instance().client().inspectImageCmd(LOCAL_BASE_IMAGE).exec();
      return LOCAL_BASE_IMAGE;
    } catch (NotFoundException e) {
      return null;
    }
  }
}
