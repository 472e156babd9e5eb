package io.hotwatch.dashboard.webhook;

/** A registration that cannot be accepted, naming the body field at fault ({@code filter.minSeverity}) and why. */
public final class RegistrationException extends RuntimeException {

  private final String field;
  private final String reason;

  public RegistrationException(String field, String reason) {
    super(field + ": " + reason, null, false, false);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
