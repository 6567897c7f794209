package io.pargateway.testing;

import io.pargateway.Gateway;
import io.vertx.core.Vertx;
import java.util.function.UnaryOperator;

/**
 * Two gateway replicas, each on its own Vert.x instance as separate pods would be, sharing one real
 * Redis and one upstream OP.
 */
public final class Replicas implements AutoCloseable {

  private final RedisServerFixture redis;
  private final UpstreamOp upstream;
  private final Vertx vertxA = Vertx.vertx();
  private final Vertx vertxB = Vertx.vertx();
  private final Gateway a;
  private final Gateway b;

  private Replicas(UnaryOperator<TestConfigs.Options> customize) {
    redis = new RedisServerFixture().start();
    upstream = UpstreamOp.start();
    TestConfigs.Options options =
        customize.apply(TestConfigs.Options.of(upstream).withRedis(redis.connectionString()));
    a = Http.await(Gateway.start(vertxA, TestConfigs.config(options)));
    b = Http.await(Gateway.start(vertxB, TestConfigs.config(options)));
  }

  /** Starts Redis, the upstream and both replicas with the Redis store and {@code customize}. */
  public static Replicas start(UnaryOperator<TestConfigs.Options> customize) {
    return new Replicas(customize);
  }

  public Gateway a() {
    return a;
  }

  public Gateway b() {
    return b;
  }

  public RedisServerFixture redis() {
    return redis;
  }

  @Override
  public void close() {
    Http.await(a.stop());
    Http.await(b.stop());
    Http.await(vertxA.close());
    Http.await(vertxB.close());
    upstream.close();
    redis.stop();
  }
}
