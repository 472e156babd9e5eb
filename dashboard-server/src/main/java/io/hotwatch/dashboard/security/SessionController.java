package io.hotwatch.dashboard.security;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Who is logged in, so the page offers only what the login may do. */
@Controller("/api")
public class SessionController {

  /**
   * The logged-in user.
   *
   * @param name login name
   * @param roles the roles it holds, implied ones included, sorted
   */
  @Serdeable
  public record Me(String name, List<String> roles) {}

  @Get("/me")
  public Me me(Authentication authentication) {
    return new Me(authentication.getName(), authentication.getRoles().stream().sorted().toList());
  }
}
