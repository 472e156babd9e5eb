package io.hotwatch.dashboard.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the OpenAPI document that micronaut-openapi writes from the controllers at compile time
 * ({@code META-INF/swagger/openapi.yml}) at {@code /openapi.yml}.
 */
@Controller
@OpenAPIDefinition(info = @Info(
    title = "Hotwatch dashboard",
    version = "0.1.0",
    description = "Open hotspots as GeoJSON, the alert history (GeoJSON and CAP 1.2) and signed webhooks. "
        + "Errors of the alerting routes are {status, error, parameter, reason}.",
    license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")))
public class OpenApiController {

  static final String DOCUMENT = "META-INF/swagger/openapi.yml";
  /** YAML's registered media type (RFC 9512). */
  static final String YAML = "application/yaml";

  private final byte[] document;

  public OpenApiController() {
    try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing: the micronaut-openapi processor did not run");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DOCUMENT, e);
    }
  }

  @Hidden
  @Get("/openapi.yml")
  public HttpResponse<byte[]> document() {
    return HttpResponse.ok(document).contentType(MediaType.of(YAML));
  }
}
