package io.hotwatch.dashboard.alerting;

/**
 * One revision of one hotspot, written {@code <hotspotId>:<revision>} (for example
 * {@code 3f2a...-9c1e:2}); the revision follows the last colon, so a hotspot id may itself hold colons.
 */
public record AlertId(String hotspotId, int revision) {

  public AlertId {
    if (hotspotId == null || hotspotId.isBlank()) {
      throw new IllegalArgumentException("hotspot id is blank");
    }
    if (revision < 0) {
      throw new IllegalArgumentException("revision " + revision + " is negative");
    }
  }

  /**
   * Reads {@code <hotspotId>:<revision>}.
   *
   * @throws IllegalArgumentException naming what is wrong with the text
   */
  public static AlertId parse(String text) {
    int colon = text == null ? -1 : text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not <hotspotId>:<revision>");
    }
    String revision = text.substring(colon + 1);
    if (!revision.chars().allMatch(Character::isDigit) || revision.length() > 9) {
      throw new IllegalArgumentException("revision '" + revision + "' is not a whole number");
    }
    return new AlertId(text.substring(0, colon), Integer.parseInt(revision));
  }

  @Override
  public String toString() {
    return hotspotId + ":" + revision;
  }
}
