package io.hotwatch.dashboard.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The live socket's settings ({@code hotwatch.socket.*}).
 *
 * @param pingInterval how often quiet sessions are pinged, under the server's idle timeout
 * @param queueLimit messages a client may have waiting to be written; one more drops it (close code 4001)
 * @param resumeMessages how many of the latest messages are kept for clients that resume
 * @param resumeAge how long a message is kept for clients that resume
 * @param closeGrace how long a dropped client has to take its close frame before its connection is cut
 */
@ConfigurationProperties("hotwatch.socket")
public record StreamSettings(
    @Bindable(defaultValue = "30s") Duration pingInterval,
    @Bindable(defaultValue = "1000") int queueLimit,
    @Bindable(defaultValue = "10000") int resumeMessages,
    @Bindable(defaultValue = "15m") Duration resumeAge,
    @Bindable(defaultValue = "2s") Duration closeGrace) {

  public StreamSettings {
    if (queueLimit < 1) {
      throw new IllegalArgumentException("hotwatch.socket.queue-limit " + queueLimit + " must be at least 1");
    }
  }
}
