package io.pargateway.testing;

import io.pargateway.config.ConfigLoader;
import io.pargateway.config.GatewayConfig;
import java.util.Map;

/** Gateway configurations for tests, written as a user would write them: YAML. */
public final class TestConfigs {

  public static final String BASIC_CLIENT = "basic-client";
  public static final String BASIC_SECRET = "basic-client-secret-0123456789abcdef";
  public static final String POST_CLIENT = "post-client";
  public static final String POST_SECRET = "post-client-secret-0123456789abcdef";
  public static final String PAR_ONLY_CLIENT = "par-only-client";
  public static final String PAR_ONLY_SECRET = "par-only-client-secret-0123456789ab";
  public static final String REDIRECT_URI = "https://client.example.org/callback";
  public static final String OTHER_REDIRECT_URI = "https://client.example.org/other";

  private TestConfigs() {}

  /** The knobs tests turn; each test names only what it changes. */
  public static final class Options {
    private final String upstreamBaseUrl;
    private final String authorizationPath;
    private String store = "memory";
    private String redisConnectionString;
    private String forwardMode = "proxy";
    private int lifetimeSeconds = 60;
    private boolean requireParForAll;
    private int maxBodyBytes = 65536;
    private String extraClients = "";
    private String clientAuthentication = "";

    private Options(UpstreamOp upstream) {
      this.upstreamBaseUrl = upstream.baseUrl();
      this.authorizationPath = upstream.authorizationPath();
    }

    public static Options of(UpstreamOp upstream) {
      return new Options(upstream);
    }

    public Options withRedis(String connectionString) {
      store = "redis";
      redisConnectionString = connectionString;
      return this;
    }

    public Options withForwardMode(String mode) {
      forwardMode = mode;
      return this;
    }

    public Options withLifetimeSeconds(int seconds) {
      lifetimeSeconds = seconds;
      return this;
    }

    public Options withRequireParForAll(boolean required) {
      requireParForAll = required;
      return this;
    }

    /** More elements of {@code clients}, as YAML list items indented by two spaces. */
    public Options withClients(String yaml) {
      extraClients = extraClients + yaml;
      return this;
    }

    /** The {@code client_authentication} mapping, as YAML indented by two spaces. */
    public Options withClientAuthentication(String yaml) {
      clientAuthentication = yaml;
      return this;
    }
  }

  public static GatewayConfig config(Options o) {
    String redis =
        o.redisConnectionString == null
            ? ""
            : "  redis:\n"
                + "    connection_string: \""
                + o.redisConnectionString
                + "\"\n"
                + "    command_timeout_ms: 5000\n";
    String yaml =
        "issuer: \"http://localhost/default\"\n"
            + "listeners:\n"
            + "  - host: 127.0.0.1\n"
            + "    port: 0\n"
            + "server:\n"
            + "  verticles: 2\n"
            + "  shutdown_timeout_ms: 2000\n"
            + "upstream:\n"
            + "  base_url: \""
            + o.upstreamBaseUrl
            + "\"\n"
            + "  authorization_path: \""
            + o.authorizationPath
            + "\"\n"
            + "par:\n"
            + "  request_uri_lifetime_seconds: "
            + o.lifetimeSeconds
            + "\n"
            + "  require_pushed_authorization_requests: "
            + o.requireParForAll
            + "\n"
            + "  max_body_bytes: "
            + o.maxBodyBytes
            + "\n"
            + "authorization:\n"
            + "  forward_mode: "
            + o.forwardMode
            + "\n"
            + "store:\n"
            + "  type: "
            + o.store
            + "\n"
            + redis
            + "clients:\n"
            + "  - client_id: "
            + BASIC_CLIENT
            + "\n"
            + "    token_endpoint_auth_method: client_secret_basic\n"
            + "    client_secret: ${BASIC_SECRET}\n"
            + "    redirect_uris: [\""
            + REDIRECT_URI
            + "\", \""
            + OTHER_REDIRECT_URI
            + "\"]\n"
            + "  - client_id: "
            + POST_CLIENT
            + "\n"
            + "    token_endpoint_auth_method: client_secret_post\n"
            + "    client_secret: ${POST_SECRET}\n"
            + "    redirect_uris: [\""
            + REDIRECT_URI
            + "\"]\n"
            + "    require_pkce: true\n"
            + "  - client_id: "
            + PAR_ONLY_CLIENT
            + "\n"
            + "    token_endpoint_auth_method: client_secret_basic\n"
            + "    client_secret: ${PAR_ONLY_SECRET}\n"
            + "    redirect_uris: [\""
            + REDIRECT_URI
            + "\"]\n"
            + "    require_pushed_authorization_requests: true\n"
            + o.extraClients
            + (o.clientAuthentication.isEmpty()
                ? ""
                : "client_authentication:\n" + o.clientAuthentication);
    return ConfigLoader.fromYaml(
        yaml,
        Map.of(
            "BASIC_SECRET", BASIC_SECRET,
            "POST_SECRET", POST_SECRET,
            "PAR_ONLY_SECRET", PAR_ONLY_SECRET));
  }
}
