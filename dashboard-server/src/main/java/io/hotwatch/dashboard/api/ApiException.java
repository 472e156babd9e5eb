package io.hotwatch.dashboard.api;

import io.micronaut.http.HttpStatus;

/** A request the alerting API refuses, with the parameter at fault and why; answered as an {@link ApiError}. */
public final class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String parameter;
  private final String reason;

  private ApiException(HttpStatus status, String parameter, String reason) {
    super(parameter + ": " + reason, null, false, false);
    this.status = status;
    this.parameter = parameter;
    this.reason = reason;
  }

  /** 400: the parameter's value cannot be used. */
  public static ApiException badParameter(String parameter, String reason) {
    return new ApiException(HttpStatus.BAD_REQUEST, parameter, reason);
  }

  /** 404: the parameter names nothing held. */
  public static ApiException notFound(String parameter, String reason) {
    return new ApiException(HttpStatus.NOT_FOUND, parameter, reason);
  }

  /** 409: the request conflicts with what is held (e.g. an alert acknowledged already). */
  public static ApiException conflict(String parameter, String reason) {
    return new ApiException(HttpStatus.CONFLICT, parameter, reason);
  }

  public ApiError body() {
    return new ApiError(status.getCode(), status.getReason(), parameter, reason);
  }

  public HttpStatus status() {
    return status;
  }
}
