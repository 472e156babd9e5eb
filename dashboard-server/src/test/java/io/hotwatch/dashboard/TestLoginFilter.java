package io.hotwatch.dashboard;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;

/**
 * Signs the requests of the clients a test creates from the server's context in as the user named by
 * {@value #LOGIN}, unless the request carries its own {@code Authorization}. Only in contexts that set the property,
 * so the security tests' clients stay anonymous.
 */
@ClientFilter(ClientFilter.MATCH_ALL_PATTERN)
@Requires(property = TestLoginFilter.LOGIN)
public final class TestLoginFilter {

  static final String LOGIN = "hotwatch.test.login";

  private final String authorization;

  public TestLoginFilter(@Property(name = LOGIN) String user) {
    this.authorization = TestLogins.basic(user);
  }

  @RequestFilter
  public void login(MutableHttpRequest<?> request) {
    if (!request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
      request.header(HttpHeaders.AUTHORIZATION, authorization);
    }
  }
}
