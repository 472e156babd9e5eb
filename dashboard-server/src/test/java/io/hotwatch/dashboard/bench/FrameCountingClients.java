package io.hotwatch.dashboard.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * Many WebSocket clients on one Netty event loop thread, each reading whole text frames and reporting the stream
 * {@code seq} at their head without decoding the rest: on a two-core machine the clients' own work competes with the
 * server it measures, so they do as little as a client can.
 */
final class FrameCountingClients implements AutoCloseable {

  private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SNAPSHOT = "{\"type\":\"snapshot\"".getBytes(StandardCharsets.US_ASCII);

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final List<Channel> channels = new ArrayList<>();

  /**
   * Opens one client logged in with the {@code Authorization} header and completes when its upgrade is done;
   * {@code onSeq} is called per stream message.
   */
  CompletableFuture<Channel> connect(URI uri, String authorization, IntConsumer onSeq) {
    CompletableFuture<Channel> upgraded = new CompletableFuture<>();
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(uri)
        .customHeaders(new DefaultHttpHeaders().add(HttpHeaderNames.AUTHORIZATION, authorization))
        .maxFramePayloadLength(1 << 20)
        // the server's frames are JSON it encoded itself; checking every byte was the clients' largest cost
        .withUTF8Validator(false)
        .build();
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            channel.pipeline().addLast(
                new HttpClientCodec(),
                new HttpObjectAggregator(64 * 1024),
                new WebSocketClientProtocolHandler(config),
                new WebSocketFrameAggregator(1 << 20),
                new SeqReader(onSeq, upgraded));
          }
        });
    bootstrap.connect(uri.getHost(), uri.getPort()).addListener(f -> {
      if (!f.isSuccess()) {
        upgraded.completeExceptionally(f.cause());
      }
    });
    return upgraded.thenApply(channel -> {
      synchronized (channels) {
        channels.add(channel);
      }
      return channel;
    });
  }

  @Override
  public void close() {
    synchronized (channels) {
      channels.forEach(Channel::close);
    }
    group.shutdownGracefully().syncUninterruptibly();
  }

  /** The {@code seq} of a stream message at the head of a frame; -1 for a snapshot or any other message. */
  static int seqOf(ByteBuf frame) {
    int head = Math.min(frame.readableBytes(), 64);
    int start = frame.readerIndex();
    if (startsWith(frame, start, SNAPSHOT)) {
      return -1;
    }
    for (int i = start; i + SEQ.length <= start + head; i++) {
      if (startsWith(frame, i, SEQ)) {
        int seq = 0;
        int digits = 0;
        for (int j = i + SEQ.length; j < start + frame.readableBytes(); j++, digits++) {
          byte b = frame.getByte(j);
          if (b < '0' || b > '9') {
            break;
          }
          seq = seq * 10 + (b - '0');
        }
        return digits == 0 ? -1 : seq;
      }
    }
    return -1;
  }

  private static boolean startsWith(ByteBuf frame, int at, byte[] prefix) {
    if (at + prefix.length > frame.writerIndex()) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (frame.getByte(at + k) != prefix[k]) {
        return false;
      }
    }
    return true;
  }

  /** Reports each frame's seq; completes the upgrade future when the handshake is done. */
  private static final class SeqReader extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final IntConsumer onSeq;
    private final CompletableFuture<Channel> upgraded;

    SeqReader(IntConsumer onSeq, CompletableFuture<Channel> upgraded) {
      this.onSeq = onSeq;
      this.upgraded = upgraded;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        upgraded.complete(ctx.channel());
      }
      super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      int seq = seqOf(frame.content());
      if (seq > 0) {
        onSeq.accept(seq);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      upgraded.completeExceptionally(cause);
      ctx.close();
    }
  }
}
