package io.hotwatch.dashboard.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a receiver checks: {@code sha256=} and the hex HMAC-SHA256, keyed with the subscription's secret, of
 * the timestamp header's value, a full stop and the exact body bytes. Signing the timestamp too lets a receiver refuse
 * a captured request replayed later.
 */
public final class WebhookSignature {

  /** Header carrying the signature. */
  public static final String SIGNATURE_HEADER = "X-Hotwatch-Signature";
  /** Header carrying the signing time, Unix seconds. */
  public static final String TIMESTAMP_HEADER = "X-Hotwatch-Timestamp";
  /** Header with the delivery's id: the same on every try, so that a receiver can drop a repeat. */
  public static final String DELIVERY_HEADER = "X-Hotwatch-Delivery";
  /** Header with the alert id, {@code <hotspotId>:<revision>}. */
  public static final String ALERT_HEADER = "X-Hotwatch-Alert";
  /** Header with the event type: opened, updated or closed. */
  public static final String EVENT_HEADER = "X-Hotwatch-Event";

  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  public static String sign(String secret, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is one of the algorithms every Java platform must provide.
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    }
  }
}
