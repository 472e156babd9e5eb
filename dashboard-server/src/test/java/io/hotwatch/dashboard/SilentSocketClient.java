package io.hotwatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A WebSocket client that completes the upgrade and then reads nothing, like a browser tab frozen in the background:
 * a plain TCP socket with a small receive buffer, so that the server's writes back up after a few frames.
 */
final class SilentSocketClient implements AutoCloseable {

  private final Socket socket = new Socket();

  SilentSocketClient(URI server, String pathAndQuery, String authorization) throws IOException {
    socket.setReceiveBufferSize(2048); // before connecting, so that the TCP window stays small
    socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
    String upgrade = "GET " + pathAndQuery + " HTTP/1.1\r\n"
        + "Host: " + server.getHost() + ":" + server.getPort() + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Authorization: " + authorization + "\r\n"
        + "Sec-WebSocket-Key: aG90d2F0Y2gtc2lsZW50LTE=\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    socket.getOutputStream().write(upgrade.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    String head = readHead(socket.getInputStream());
    assertThat(head).as("upgrade response").startsWith("HTTP/1.1 101");
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /**
   * Starts reading at last: drains everything the server still sends and tells whether the server then closed the
   * connection within {@code wait}.
   */
  boolean drainsToEndOfStream(Duration wait) throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    byte[] buffer = new byte[64 * 1024];
    InputStream in = socket.getInputStream();
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (in.read(buffer) < 0) {
          return true;
        }
      }
    } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
      return e instanceof java.net.SocketException; // reset by the server: closed too
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
