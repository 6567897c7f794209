package io.pargateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestUriTest {

  private static final String REFERENCE = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

  @Test
  void whenGeneratedThenDistinct43CharBase64urlReferences() {
    SecureRandom random = new SecureRandom();
    Set<String> references = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String reference = RequestUri.generate(random).reference();
      assertThat(reference).hasSize(43).matches("[A-Za-z0-9_-]{43}");
      references.add(reference);
    }
    assertThat(references).hasSize(10_000);
  }

  @Test
  void whenGeneratedThenReferenceIsAll256BitsFromTheRandomSource() {
    byte[] drawn = new byte[32];
    SecureRandom recording =
        new SecureRandom() {
          @Override
          public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
              bytes[i] = (byte) (0xA5 ^ (i * 37));
            }
            assertThat(bytes).hasSize(32);
            System.arraycopy(bytes, 0, drawn, 0, bytes.length);
          }
        };
    RequestUri uri = RequestUri.generate(recording);
    assertThat(Base64.getUrlDecoder().decode(uri.reference())).isEqualTo(drawn);
  }

  @Test
  void whenValueParsedThenSameRequestUri() {
    RequestUri uri = RequestUri.generate(new SecureRandom());
    assertThat(uri.value()).isEqualTo("urn:ietf:params:oauth:request_uri:" + uri.reference());
    assertThat(uri.toString()).isEqualTo(uri.value());
    assertThat(RequestUri.parse(uri.value())).isEqualTo(uri);
  }

  @Test
  void whenWellFormedValueParsedThenReferenceKept() {
    assertThat(RequestUri.parse("urn:ietf:params:oauth:request_uri:" + REFERENCE).reference())
        .isEqualTo(REFERENCE);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        REFERENCE, // no prefix
        "urn:ietf:params:oauth:request-uri:" + REFERENCE,
        "URN:IETF:PARAMS:OAUTH:REQUEST_URI:" + REFERENCE,
        "urn:example:bwc4JK-ESC0w8acc191e-Y1LTC2" + REFERENCE,
        "https://as.example/request_uri/" + REFERENCE,
        "urn:ietf:params:oauth:request_uri:",
        "urn:ietf:params:oauth:request_uri:" + REFERENCE + "f", // 44 characters
        "urn:ietf:params:oauth:request_uri:" + REFERENCE + "=",
        "urn:ietf:params:oauth:request_uri:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd", // 42
        "urn:ietf:params:oauth:request_uri:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/abcde",
        "urn:ietf:params:oauth:request_uri:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd=",
        "urn:ietf:params:oauth:request_uri:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abc e",
        "urn:ietf:params:oauth:request_uri:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abc\u00e9",
        " urn:ietf:params:oauth:request_uri:" + REFERENCE,
      })
  void whenValueMalformedThenParseRejectsIt(String value) {
    assertThatThrownBy(() -> RequestUri.parse(value)).isInstanceOf(IllegalArgumentException.class);
  }
}
