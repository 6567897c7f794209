package io.pargateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.pargateway.Gateway;
import io.pargateway.testing.Http;
import io.pargateway.testing.Pushes;
import io.pargateway.testing.RedisServerFixture;
import io.pargateway.testing.TestConfigs;
import io.pargateway.testing.UpstreamOp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fail closed: when Redis cannot be reached, no request_uri is issued and readiness says so. */
class StoreDownTest {

  private static UpstreamOp upstream;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    upstream = UpstreamOp.start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    Http.await(vertx.close());
    upstream.close();
  }

  private static void assertUnavailable(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("error")).isEqualTo("temporarily_unavailable");
    assertThat(body.containsKey("request_uri")).isFalse();
  }

  @Test
  void pushWhenRedisStopsThen503AndNothingIssuedUntilItIsBack() {
    RedisServerFixture redis = new RedisServerFixture().start();
    Gateway gateway =
        Http.await(
            Gateway.start(
                vertx,
                TestConfigs.config(
                    TestConfigs.Options.of(upstream).withRedis(redis.connectionString()))));
    try {
      assertThat(
              Pushes.push(gateway, TestConfigs.BASIC_CLIENT, TestConfigs.BASIC_SECRET).statusCode())
          .isEqualTo(201);
      redis.stop();
      assertUnavailable(Pushes.push(gateway, TestConfigs.BASIC_CLIENT, TestConfigs.BASIC_SECRET));
      assertThat(Http.get("http://127.0.0.1:" + gateway.port() + "/health/ready").statusCode())
          .isEqualTo(503);
      assertThat(Http.get("http://127.0.0.1:" + gateway.port() + "/health/live").statusCode())
          .isEqualTo(200);
    } finally {
      Http.await(gateway.stop());
      redis.stop();
    }
  }

  @Test
  void pushWhenRedisNeverReachableThen503() {
    Gateway gateway =
        Http.await(
            Gateway.start(
                vertx,
                TestConfigs.config(
                    TestConfigs.Options.of(upstream)
                        .withRedis("redis://127.0.0.1:" + RedisServerFixture.freeLocalPort()))));
    try {
      assertUnavailable(Pushes.push(gateway, TestConfigs.BASIC_CLIENT, TestConfigs.BASIC_SECRET));
    } finally {
      Http.await(gateway.stop());
    }
  }
}
