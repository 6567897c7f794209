package io.pargateway.request;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Request parameters, each at most once (RFC 6749 §3.1), in the order they came. Immutable.
 *
 * <p>Parameters sent without a value are treated as omitted (RFC 6749 §3.1) and are not in here.
 */
public final class Parameters {

  private final Map<String, String> values;

  private Parameters(Map<String, String> values) {
    this.values = values;
  }

  /** Parameters from an ordered map whose keys are already known to be unique. */
  public static Parameters of(Map<String, String> values) {
    Map<String, String> copy = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          if (value != null && !value.isEmpty()) {
            copy.put(name, value);
          }
        });
    return new Parameters(Collections.unmodifiableMap(copy));
  }

  /** The value of {@code name}, or {@code null} when absent. */
  public String get(String name) {
    return values.get(name);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public Set<String> names() {
    return values.keySet();
  }

  /** An ordered, unmodifiable view. */
  public Map<String, String> asMap() {
    return values;
  }

  /** These parameters without {@code names}. */
  public Parameters without(Set<String> names) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.keySet().removeAll(names);
    return new Parameters(Collections.unmodifiableMap(copy));
  }

  /** These parameters with {@code name} set to {@code value}, first if it was absent. */
  public Parameters withFirst(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>();
    copy.put(name, value);
    values.forEach(copy::putIfAbsent);
    return new Parameters(Collections.unmodifiableMap(copy));
  }

  @Override
  public String toString() {
    // Names only: values may hold secrets.
    return "Parameters" + values.keySet();
  }
}
