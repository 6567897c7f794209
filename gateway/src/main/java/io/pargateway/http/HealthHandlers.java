package io.pargateway.http;

import io.pargateway.store.PushedRequestStore;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Kubernetes probes: live while the process serves; ready only while the store answers. */
public final class HealthHandlers {

  private HealthHandlers() {}

  public static Handler<RoutingContext> live() {
    return context -> Responses.json(context.response(), 200, new JsonObject().put("status", "UP"));
  }

  public static Handler<RoutingContext> ready(PushedRequestStore store) {
    return context ->
        store
            .ping()
            .onComplete(
                ping ->
                    Responses.json(
                        context.response(),
                        ping.succeeded() ? 200 : 503,
                        new JsonObject()
                            .put("status", ping.succeeded() ? "UP" : "DOWN")
                            .put("store", ping.succeeded() ? "UP" : "DOWN")));
  }
}
