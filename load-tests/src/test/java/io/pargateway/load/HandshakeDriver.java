package io.pargateway.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * TLS handshakes per second against one TLS listener, and the server's CPU time per handshake.
 * Lighter than Gatling for this: {@code users} connectors, each in a loop of connect, handshake,
 * one {@code GET handshakePath} over HTTP/1.1, read the answer, close (the client closes first,
 * after the answer, so that the TIME_WAIT sockets stay on the client side, where Linux reuses them
 * for loopback connections). The client presents the certificate of {@link ClientCertificateKeys}
 * and trusts any server certificate, as Gatling does; it runs on BoringSSL when netty-tcnative
 * loads, to leave the shared cores to the server.
 *
 * <p>{@code -Dsessions=new}: one client TLS context for all connectors, whose engines are made
 * without the server's host and port, so that no session is ever offered: every handshake is a full
 * one. {@code -Dsessions=resumed}: each connector has its own client TLS context with a session
 * cache, and offers the session of its previous connection (TLS 1.3: a session ticket, which the
 * server sends after each handshake; TLS 1.2: the session id or ticket the server gave). Either
 * way, each handshake is checked: the server asks for the client certificate in a full handshake
 * and never in a resumed one (see {@link ClientCertificateKeys}). A measured handshake of the other
 * kind than asked for fails the run, as does any failed connection, warm-up included.
 *
 * <p>Other properties, as in {@link LoadSettings}: {@code baseUrl} (an https URL), {@code users},
 * {@code warmup}, {@code duration}, {@code watchPid}, {@code fixturePids}, {@code clockTicks},
 * {@code summaryFile}; and {@code tlsProtocol} ({@code TLSv1.3}, or {@code TLSv1.2}), {@code
 * handshakePath} ({@code /health/live}), {@code label} (what the server is, for the summary).
 * Prints one {@code handshake summary:} line; exits with 1 when a gate failed.
 */
public final class HandshakeDriver {

  private static final int TIMEOUT_SECONDS = 10;

  private final LoadSettings settings;
  private final boolean resume;
  private final String protocol;
  private final String path;
  private final String host;
  private final int port;
  private final ClientCertificateKeys keys = ClientCertificateKeys.fromSystemProperties(e -> {});
  private final LongAdder handshakes = new LongAdder();
  private final LongAdder full = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private final LatencyHistogram latencies = new LatencyHistogram();
  private volatile boolean running = true;
  private volatile boolean measuring;

  private HandshakeDriver(LoadSettings settings, boolean resume, String protocol, String path) {
    this.settings = settings;
    this.resume = resume;
    this.protocol = protocol;
    this.path = path;
    URI base = URI.create(settings.baseUrl());
    if (!"https".equals(base.getScheme()) || base.getPort() < 0) {
      throw new IllegalArgumentException("baseUrl must be https://HOST:PORT: " + base);
    }
    this.host = base.getHost();
    this.port = base.getPort();
  }

  public static void main(String[] args) throws Exception {
    String sessions = System.getProperty("sessions", "new").trim().toLowerCase(Locale.ROOT);
    if (!sessions.equals("new") && !sessions.equals("resumed")) {
      throw new IllegalArgumentException("sessions must be new or resumed: " + sessions);
    }
    HandshakeDriver driver =
        new HandshakeDriver(
            LoadSettings.fromSystemProperties(),
            sessions.equals("resumed"),
            System.getProperty("tlsProtocol", "TLSv1.3"),
            System.getProperty("handshakePath", "/health/live"));
    Map<String, String> summary = driver.run();
    summary.put("label", System.getProperty("label", "-"));
    StringBuilder line = new StringBuilder("handshake summary:");
    summary.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    System.out.println(line);
    Optional<Path> file = driver.settings.summaryFile();
    if (file.isPresent()) {
      write(file.get(), summary);
    }
    System.exit(Boolean.parseBoolean(summary.get("gates_passed")) ? 0 : 1);
  }

  private Map<String, String> run() throws InterruptedException, SSLException {
    int connectors = settings.users();
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, io);
    CountDownLatch stopped = new CountDownLatch(connectors);
    try {
      Bootstrap bootstrap =
          new Bootstrap()
              .group(group)
              .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, TIMEOUT_SECONDS * 1000);
      SslContext shared = resume ? null : clientContext();
      for (int i = 0; i < connectors; i++) {
        new Connector(bootstrap, resume ? clientContext() : shared, stopped).next();
      }
      Thread.sleep(settings.warmup().toMillis());
      long watched = settings.watchPid().orElse(-1L);
      Optional<ProcessCpu> cpuStart = ProcessCpu.sample(watched, settings.fixturePids());
      long handshakesStart = handshakes.sum();
      long fullStart = full.sum();
      measuring = true;
      Thread.sleep(settings.duration().toMillis());
      measuring = false;
      Optional<ProcessCpu> cpuEnd = ProcessCpu.sample(watched, settings.fixturePids());
      long measured = handshakes.sum() - handshakesStart;
      long measuredFull = full.sum() - fullStart;
      running = false;
      if (!stopped.await(TIMEOUT_SECONDS + 5, TimeUnit.SECONDS)) {
        failed("connectors still busy " + (TIMEOUT_SECONDS + 5) + " s after the end");
      }
      return summary(measured, measuredFull, cpuStart, cpuEnd, epoll);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  private Map<String, String> summary(
      long measured,
      long measuredFull,
      Optional<ProcessCpu> cpuStart,
      Optional<ProcessCpu> cpuEnd,
      boolean epoll) {
    double seconds = settings.duration().toMillis() / 1000.0;
    long resumed = measured - measuredFull;
    Map<String, String> out = new TreeMap<>();
    out.put("scenario", "handshake");
    out.put("sessions", resume ? "resumed" : "new");
    out.put("tls_protocol", protocol);
    out.put("client", (OpenSsl.isAvailable() ? "openssl" : "jdk") + (epoll ? "+epoll" : "+nio"));
    out.put("connectors", Integer.toString(settings.users()));
    out.put("path", path);
    out.put("measured_s", decimal(seconds, 1));
    out.put("handshakes", Long.toString(measured));
    out.put("handshakes_full", Long.toString(measuredFull));
    out.put("handshakes_resumed", Long.toString(resumed));
    out.put("handshakes_per_s", decimal(measured / seconds, 0));
    out.put("failures", Long.toString(failures.sum()));
    out.put("p50_ms", decimal(latencies.percentile(50) / 1000.0, 2));
    out.put("p99_ms", decimal(latencies.percentile(99) / 1000.0, 2));
    if (cpuStart.isPresent() && cpuEnd.isPresent()) {
      out.putAll(ProcessCpu.shares(cpuStart.get(), cpuEnd.get(), seconds, settings.clockTicks()));
      long micros = cpuEnd.get().watchedMicrosSince(cpuStart.get(), settings.clockTicks());
      out.put("cpu_us_per_handshake", decimal(measured > 0 ? (double) micros / measured : 0, 0));
    }
    // Every handshake measured is of the kind asked for: a resumed run in which a session was not
    // resumed, or a new run in which one was, measures something else.
    boolean kindHeld = resume ? measuredFull == 0 : resumed == 0;
    boolean passed = failures.sum() == 0 && measured > 0 && kindHeld;
    out.put("gates_passed", Boolean.toString(passed));
    if (!kindHeld) {
      out.put("gate_failed", resume ? "full_handshakes_in_resumed_run" : "resumed_in_new_run");
    }
    if (firstFailure.get() != null) {
      out.put("first_failure", firstFailure.get().replace(' ', '_'));
    }
    return out;
  }

  private SslContext clientContext() throws SSLException {
    return SslContextBuilder.forClient()
        .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
        .keyManager(keys.keyManager())
        .trustManager(InsecureTrustManagerFactory.INSTANCE)
        .endpointIdentificationAlgorithm(null)
        .protocols(protocol)
        .build();
  }

  private void failed(String reason) {
    failures.increment();
    firstFailure.compareAndSet(null, reason);
  }

  /** One client reconnecting: one connection at a time, the next once the previous is closed. */
  private final class Connector {

    private final Bootstrap bootstrap;
    private final SslContext context;
    private final CountDownLatch stopped;

    Connector(Bootstrap bootstrap, SslContext context, CountDownLatch stopped) {
      this.bootstrap = bootstrap;
      this.context = context;
      this.stopped = stopped;
    }

    void next() {
      if (!running) {
        stopped.countDown();
        return;
      }
      Exchange exchange = new Exchange(System.nanoTime());
      bootstrap
          .clone()
          .handler(
              new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                  // With the host and port the client's session cache keys the session by them
                  // and offers it again; without, it neither keeps nor offers one.
                  SslHandler ssl =
                      resume
                          ? context.newHandler(channel.alloc(), host, port)
                          : context.newHandler(channel.alloc());
                  exchange.engine = ssl.engine();
                  channel
                      .pipeline()
                      .addLast(
                          new ReadTimeoutHandler(TIMEOUT_SECONDS),
                          ssl,
                          new HttpClientCodec(),
                          new HttpObjectAggregator(64 * 1024),
                          exchange);
                }
              })
          .connect(host, port)
          .addListener(
              connected -> {
                if (!connected.isSuccess()) {
                  failed("connect: " + connected.cause());
                  // The run has failed already; a server that refuses is not hammered meanwhile.
                  bootstrap.config().group().schedule(this::next, 100, TimeUnit.MILLISECONDS);
                }
              });
    }

    /** One connection: handshake, request, answer, close; then the next connection. */
    private final class Exchange extends SimpleChannelInboundHandler<FullHttpResponse> {

      private final long started;
      private volatile SSLEngine engine;
      private boolean done;

      Exchange(long started) {
        this.started = started;
      }

      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion) {
          if (!completion.isSuccess()) {
            finish(ctx, "handshake: " + completion.cause());
            return;
          }
          DefaultFullHttpRequest request =
              new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
          request.headers().set(HttpHeaderNames.HOST, host + ":" + port);
          ctx.writeAndFlush(request);
        }
        ctx.fireUserEventTriggered(event);
      }

      @Override
      protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        finish(
            ctx,
            response.status().equals(HttpResponseStatus.OK)
                ? null
                : "GET " + path + " answered " + response.status().code());
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finish(ctx, cause.toString());
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        finish(ctx, "closed before the answer");
        next();
      }

      /** The outcome, once: {@code failure} null for a success; closes the connection. */
      private void finish(ChannelHandlerContext ctx, String failure) {
        if (done) {
          return;
        }
        done = true;
        if (failure != null) {
          failed(failure);
        } else {
          handshakes.increment();
          if (keys.asked(engine)) {
            full.increment();
          }
          if (measuring) {
            latencies.record((System.nanoTime() - started) / 1_000);
          }
        }
        ctx.close();
      }
    }
  }

  private static String decimal(double value, int places) {
    return String.format(Locale.ROOT, "%." + places + "f", value);
  }

  private static void write(Path file, Map<String, String> summary) throws IOException {
    List<String> lines = new ArrayList<>();
    summary.forEach((key, value) -> lines.add(key + "=" + value));
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, lines);
  }
}
