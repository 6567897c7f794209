package io.pargateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpRangeTest {

  @ParameterizedTest(name = "{0} holds {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          10.0.0.0/8          | 10.0.0.0               | true
          10.0.0.0/8          | 10.255.255.255         | true
          10.0.0.0/8          | 11.0.0.0               | false
          10.0.0.0/8          | 9.255.255.255          | false
          127.0.0.1           | 127.0.0.1              | true
          127.0.0.1           | 127.0.0.2              | false
          192.168.1.128/25    | 192.168.1.200          | true
          192.168.1.128/25    | 192.168.1.127          | false
          ::1                 | ::1                    | true
          ::1                 | ::2                    | false
          fd00::/8            | fd12:3456::1           | true
          fd00::/8            | fe80::1                | false
          2001:db8::/32       | 2001:db8:ffff::1       | true
          2001:db8::/32       | 2001:db9::1            | false
          10.0.0.0/8          | ::ffff:10.0.0.1        | false
          ::/1                | 10.0.0.1               | false
          1:2:3:4:5:6:7:8     | 1:2:3:4:5:6:7:8        | true
          1:2:3:4:5:6::       | 1:2:3:4:5:6:0:0        | true
          ::102:304/128       | ::1.2.3.4              | true
          """)
  void containsWhenAddressGivenThenByPrefix(String range, String address, boolean expected) {
    assertThat(IpRange.parse(range).contains(IpRange.parseLiteral(address))).isEqualTo(expected);
  }

  @Test
  void parseWhenSameRangeWrittenTwoWaysThenEqual() {
    assertThat(IpRange.parse("fd00:0:0:0:0:0:0:0/8"))
        .isEqualTo(IpRange.parse("fd00::/8"))
        .hasSameHashCodeAs(IpRange.parse("fd00::/8"))
        .hasToString("fd00:0:0:0:0:0:0:0/8");
    assertThat(IpRange.parse("10.1.2.3").prefixLength()).isEqualTo(32);
    assertThat(IpRange.parse("::1").prefixLength()).isEqualTo(128);
  }

  @Test
  void parseWhenIpv4MappedRangeThenRefused() {
    assertThatThrownBy(() -> IpRange.parse("::ffff:10.0.0.0/104"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("write an IPv4-mapped address as IPv4, e.g. 10.0.0.0/8");
  }

  @Test
  void parseLiteralWhenAddressThenNoLookupAndFamilyKept() {
    assertThat(IpRange.parseLiteral("192.0.2.10")).isInstanceOf(Inet4Address.class);
    assertThat(IpRange.parseLiteral("2001:db8::10")).isInstanceOf(Inet6Address.class);
    assertThat(IpRange.parseLiteral("::ffff:192.0.2.10")).isInstanceOf(Inet6Address.class);
  }

  @ParameterizedTest
  @CsvSource({"localhost", "example.com", "1.2.3.4.5", "10.1", "0x7f.0.0.1", "::g", "1.2.3.4::"})
  void parseLiteralWhenNotALiteralThenRefusedWithoutLookup(String text) {
    assertThatThrownBy(() -> IpRange.parseLiteral(text))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(text);
  }
}
