package io.pargateway.config;

import static java.util.Objects.requireNonNull;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}), or one
 * address ({@code 127.0.0.1}, {@code ::1}).
 *
 * <p>Parsed as a literal only: a name is never looked up, and the lenient forms that {@link
 * InetAddress#getByName} accepts ({@code 10.1}, {@code 010.0.0.1}) are refused, so what is written
 * is what is matched. Zone ids ({@code %eth0}), brackets and IPv4-mapped IPv6 ranges are refused
 * too.
 */
public final class IpRange {

  private final byte[] network;
  private final int prefixLength;

  private IpRange(byte[] network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /**
   * The range {@code text} names.
   *
   * @throws IllegalArgumentException saying what is wrong, without quoting {@code text}
   */
  public static IpRange parse(String text) {
    requireNonNull(text, "text");
    int slash = text.indexOf('/');
    byte[] address = parseAddress(slash < 0 ? text : text.substring(0, slash));
    if (isIpv4Mapped(address)) {
      // The JDK reports such peers as IPv4 addresses, which an IPv6 range never holds.
      throw new IllegalArgumentException("write an IPv4-mapped address as IPv4, e.g. 10.0.0.0/8");
    }
    int bits = address.length * 8;
    if (slash < 0) {
      return new IpRange(address, bits);
    }
    String prefix = text.substring(slash + 1);
    if (!prefix.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(prefix) > bits) {
      throw new IllegalArgumentException(
          "the prefix length after / must be a number from 1 to " + bits);
    }
    int prefixLength = Integer.parseInt(prefix);
    if (prefixLength == 0) {
      throw new IllegalArgumentException("a /0 range holds every address; name the proxies");
    }
    for (int bit = prefixLength; bit < bits; bit++) {
      if (bitAt(address, bit)) {
        throw new IllegalArgumentException(
            "has address bits set after the /" + prefixLength + " prefix; write the network");
      }
    }
    return new IpRange(address, prefixLength);
  }

  /**
   * The address {@code literal} names: four decimal octets, or the IPv6 text form of RFC 4291 §2.2
   * (with an IPv4 tail if wanted). No name is looked up.
   *
   * @throws IllegalArgumentException saying what is wrong, without quoting {@code literal}
   */
  public static InetAddress parseLiteral(String literal) {
    requireNonNull(literal, "literal");
    return toAddress(parseAddress(literal));
  }

  /** The address of {@code bytes}; 16 bytes stay IPv6, even an IPv4-mapped address. */
  private static InetAddress toAddress(byte[] bytes) {
    try {
      return bytes.length == 16
          ? Inet6Address.getByAddress(null, bytes, -1)
          : InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of 4 or 16 bytes was refused", e);
    }
  }

  /** Whether {@code address} is in this range; an IPv4 address is never in an IPv6 range. */
  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    for (int bit = 0; bit < prefixLength; bit++) {
      if (bitAt(bytes, bit) != bitAt(network, bit)) {
        return false;
      }
    }
    return true;
  }

  /** Bits of the network part: up to 32 for IPv4, 128 for IPv6. */
  public int prefixLength() {
    return prefixLength;
  }

  /** {@code ::ffff:a.b.c.d} (RFC 4291 §2.5.5.2). */
  private static boolean isIpv4Mapped(byte[] address) {
    if (address.length != 16 || address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean bitAt(byte[] bytes, int bit) {
    return (bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0;
  }

  private static byte[] parseAddress(String text) {
    if (text.indexOf(':') >= 0) {
      return parseIpv6(text);
    }
    if (text.matches("[0-9.]+")) {
      return parseIpv4(text);
    }
    throw new IllegalArgumentException("not an IPv4 or IPv6 address (names are not looked up)");
  }

  private static byte[] parseIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("an IPv4 address has four parts, e.g. 10.0.0.1");
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      // No leading zeros: some parsers read them as octal.
      if (!parts[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(parts[i]) > 255) {
        throw new IllegalArgumentException(
            "each part of an IPv4 address is a number from 0 to 255, without leading zeros");
      }
      bytes[i] = (byte) Integer.parseInt(parts[i]);
    }
    return bytes;
  }

  private static byte[] parseIpv6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      throw new IllegalArgumentException("an IPv6 address has at most one ::");
    }
    byte[] head = ipv6Groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
    byte[] tail = gap < 0 ? new byte[0] : ipv6Groups(text.substring(gap + 2), true);
    int length = head.length + tail.length;
    if (gap < 0 ? length != 16 : length > 14) {
      throw new IllegalArgumentException("an IPv6 address has eight groups, or fewer with ::");
    }
    byte[] bytes = new byte[16];
    System.arraycopy(head, 0, bytes, 0, head.length);
    System.arraycopy(tail, 0, bytes, 16 - tail.length, tail.length);
    return bytes;
  }

  /** The bytes of {@code :}-separated hex groups; the last may be an IPv4 address if allowed. */
  private static byte[] ipv6Groups(String text, boolean ipv4TailAllowed) {
    if (text.isEmpty()) {
      return new byte[0];
    }
    String[] groups = text.split(":", -1);
    byte[] bytes = new byte[groups.length * 2 + 2];
    int length = 0;
    for (int i = 0; i < groups.length; i++) {
      String group = groups[i];
      if (i == groups.length - 1 && ipv4TailAllowed && group.indexOf('.') >= 0) {
        System.arraycopy(parseIpv4(group), 0, bytes, length, 4);
        length += 4;
      } else if (group.matches("[0-9A-Fa-f]{1,4}")) {
        int value = Integer.parseInt(group, 16);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
      } else {
        throw new IllegalArgumentException(
            "each group of an IPv6 address is 1 to 4 hex digits (no zone id, no brackets)");
      }
    }
    return Arrays.copyOf(bytes, length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IpRange range
        && prefixLength == range.prefixLength
        && Arrays.equals(network, range.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  /** The range in CIDR notation, e.g. {@code 10.0.0.0/8} or {@code fd00:0:0:0:0:0:0:0/8}. */
  @Override
  public String toString() {
    return toAddress(network).getHostAddress() + "/" + prefixLength;
  }
}
