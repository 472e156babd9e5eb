package io.hotwatch.dashboard.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.dashboard.alerting.CapAssessment;
import io.hotwatch.dashboard.alerting.PoliceDistricts;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/** Checks a registration and turns it into a subscription; every refusal names the field and the value. */
@Singleton
public final class WebhookRegistrations {

  static final int MIN_SECRET_LENGTH = 16;
  private static final int GENERATED_SECRET_BYTES = 32;

  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final PoliceDistricts districts;
  private final SecureRandom random = new SecureRandom();

  public WebhookRegistrations(PoliceDistricts districts) {
    this.districts = districts;
  }

  /**
   * Reads a registration's JSON strictly: a field the registration does not have (a misspelt {@code district}) is
   * refused rather than ignored, so that a filter never silently lets everything through.
   */
  public WebhookRegistration read(String body) {
    if (body == null || body.isBlank()) {
      throw new RegistrationException("body", "a JSON object with at least 'url' is required");
    }
    try {
      return STRICT.readValue(body, WebhookRegistration.class);
    } catch (UnrecognizedPropertyException e) {
      throw new RegistrationException(path(e), "unknown field '" + e.getPropertyName() + "'; known: "
          + e.getKnownPropertyIds());
    } catch (MismatchedInputException e) {
      String field = path(e);
      throw new RegistrationException(field.isEmpty() ? "body" : field, "has the wrong JSON type: "
          + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new RegistrationException("body", "is not JSON: " + e.getOriginalMessage());
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  public WebhookSubscription accept(WebhookRegistration registration, Clock clock) {
    if (registration == null) {
      throw new RegistrationException("body", "a JSON object with at least 'url' is required");
    }
    URI url = url(registration.url());
    String secret = registration.secret();
    if (secret == null) {
      byte[] bytes = new byte[GENERATED_SECRET_BYTES];
      random.nextBytes(bytes);
      secret = HexFormat.of().formatHex(bytes);
    } else if (secret.length() < MIN_SECRET_LENGTH) {
      throw new RegistrationException("secret", "a secret of " + secret.length() + " characters is too short (at least "
          + MIN_SECRET_LENGTH + "); leave it out to have one made");
    }
    WebhookFilter filter = registration.filter() == null ? WebhookFilter.EVERYTHING : filter(registration.filter());
    String format = registration.format() == null ? WebhookSubscription.JSON : registration.format();
    if (!List.of(WebhookSubscription.JSON, WebhookSubscription.CAP).contains(format)) {
      throw new RegistrationException("format", "'" + format + "' is neither 'json' nor 'cap'");
    }
    return new WebhookSubscription(UUID.randomUUID().toString(), url, secret, filter, format, Instant.now(clock));
  }

  private static URI url(String text) {
    if (text == null || text.isBlank()) {
      throw new RegistrationException("url", "is required");
    }
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw new RegistrationException("url", "'" + text + "' is not a URL: " + e.getReason());
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new RegistrationException("url", "'" + text + "' is not an http or https URL");
    }
    if (url.getHost() == null || url.getHost().isBlank()) {
      throw new RegistrationException("url", "'" + text + "' names no host");
    }
    if (url.getRawUserInfo() != null) {
      throw new RegistrationException("url", "'" + text + "' carries user information; authenticate with the secret");
    }
    return url;
  }

  private WebhookFilter filter(WebhookFilter filter) {
    for (String district : filter.districts()) {
      if (district == null || districts.byNumber(district).isEmpty()) {
        throw new RegistrationException("filter.districts",
            "'" + district + "' is not a Chicago police district number");
      }
    }
    for (String category : filter.categories()) {
      if (category == null || !CrimeCategory.isKnown(category)) {
        throw new RegistrationException("filter.categories", "'" + category + "' is not a category of the taxonomy");
      }
    }
    if (filter.minSeverity() != null && CapAssessment.rank(filter.minSeverity()) < 0) {
      throw new RegistrationException("filter.minSeverity",
          "'" + filter.minSeverity() + "' is not one of " + CapAssessment.SEVERITIES);
    }
    return filter;
  }
}
