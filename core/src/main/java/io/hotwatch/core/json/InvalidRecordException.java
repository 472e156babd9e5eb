package io.hotwatch.core.json;

/** A record failed to parse or validate; the message names the field and the value. */
public class InvalidRecordException extends Exception {

  public InvalidRecordException(String reason) {
    super(reason);
  }

  public String reason() {
    return getMessage();
  }
}
