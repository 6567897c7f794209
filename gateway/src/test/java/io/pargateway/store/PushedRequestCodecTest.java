package io.pargateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pargateway.client.ClientId;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PushedRequestCodecTest {

  @Test
  void encodeThenDecodeGivesTheSameRequestWithParametersInOrder() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("scope", "openid profile");
    parameters.put("response_type", "code");
    parameters.put("state", "\"quoted\" \\ back\nslash \u00e9\u4e2d\ud83d\ude00");
    parameters.put("claims", "{\"id_token\":{\"acr\":null}}");
    PushedRequest request = new PushedRequest(new ClientId("client a"), parameters);

    byte[] encoded = PushedRequestCodec.encode(request);
    PushedRequest decoded = PushedRequestCodec.decode(encoded);

    assertThat(decoded.clientId()).isEqualTo(request.clientId());
    assertThat(decoded.parameters()).containsExactlyEntriesOf(parameters);
    assertThat(new String(encoded, StandardCharsets.UTF_8))
        .startsWith("{\"c\":\"client a\",\"p\":{\"scope\":\"openid profile\",")
        .doesNotContain("\n");
  }

  /** Longer than Jackson's default limits on names (50,000) and values: still read back. */
  @Test
  void encodeThenDecodeWhenNamesAndValuesAreLongThenReadBack() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("n".repeat(60_000), "v".repeat(70_000));
    PushedRequest request = new PushedRequest(new ClientId("client a"), parameters);

    PushedRequest decoded = PushedRequestCodec.decode(PushedRequestCodec.encode(request));

    assertThat(decoded.parameters()).containsExactlyEntriesOf(parameters);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "",
        "[]",
        "{\"c\":\"a\"}",
        "{\"p\":{}}",
        "{\"c\":1,\"p\":{}}",
        "{\"c\":\"a\",\"p\":[]}",
        "{\"c\":\"a\",\"p\":{\"scope\":1}}",
        "{\"c\":\"a\",\"p\":{\"scope\":null}}",
        "{\"c\":\"a\",\"p\":{\"s\":\"1\",\"s\":\"2\"}}",
        "{\"c\":\"a\",\"c\":\"b\",\"p\":{}}",
        "{\"c\":\"a\",\"p\":{},\"x\":\"y\"}",
        "{\"c\":\"a\",\"p\":{}} {}",
        "{\"c\":\"a\",\"p\":{}"
      })
  void decodeWhenNotWhatEncodeWritesThenIllegalArgument(String stored) {
    assertThatThrownBy(() -> PushedRequestCodec.decode(stored.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
