package io.hotwatch.dashboard.security;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.util.List;

/**
 * One login from the configuration: {@code hotwatch.security.users.NAME.password-hash} (see {@link PasswordHash}) and
 * {@code hotwatch.security.users.NAME.roles} (any of {@link Roles#ALL}).
 */
@EachProperty("hotwatch.security.users")
public final class UserAccount {

  private final String name;
  private String passwordHash = "";
  private List<String> roles = List.of();

  public UserAccount(@Parameter String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }

  public List<String> getRoles() {
    return roles;
  }

  public void setRoles(List<String> roles) {
    this.roles = List.copyOf(roles);
  }
}
