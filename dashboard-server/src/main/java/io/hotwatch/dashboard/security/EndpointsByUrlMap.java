package io.hotwatch.dashboard.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Leaves the management endpoints (health, Prometheus) to the same {@code intercept-url-map} as every other route,
 * instead of Micronaut's separate "sensitive" flag, so one list in {@code application.yml} says who may see what.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
public final class EndpointsByUrlMap extends SensitiveEndpointRule {

  public EndpointsByUrlMap(EndpointSensitivityProcessor endpoints) {
    super(endpoints);
  }

  @Override
  protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(
      HttpRequest<?> request, Authentication authentication, ExecutableMethod<?, ?> method) {
    return Publishers.just(SecurityRuleResult.UNKNOWN);
  }

  @Override
  protected Publisher<SecurityRuleResult> checkSensitiveAnonymous(HttpRequest<?> request, ExecutableMethod<?, ?> method) {
    return Publishers.just(SecurityRuleResult.UNKNOWN);
  }

  @Override
  protected Publisher<SecurityRuleResult> checkNotSensitive(
      HttpRequest<?> request, Authentication authentication, ExecutableMethod<?, ?> method) {
    return Publishers.just(SecurityRuleResult.UNKNOWN);
  }
}
