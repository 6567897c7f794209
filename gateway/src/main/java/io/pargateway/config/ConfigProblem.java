package io.pargateway.config;

/**
 * One invalid key, found by a stage of the loader. {@link ConfigLoader} turns it into the {@link
 * ConfigException} the caller sees, adding the environment variable that set the key, if any.
 *
 * <p>It carries no cause on purpose: the messages of the parser and the binder quote the values
 * they choke on, and a value may be a secret.
 */
final class ConfigProblem extends RuntimeException {

  private final String key;

  /**
   * @param key the dotted path of the key, with list indices (e.g. {@code clients[0].client_id}),
   *     or the name of the file or environment variable when no key is to blame
   * @param reason what is wrong, never quoting a value that may be secret
   */
  ConfigProblem(String key, String reason) {
    super(key + ": " + reason, null, false, false);
    this.key = key;
  }

  String key() {
    return key;
  }

  /** The dotted path of {@code name} inside the mapping at {@code parent}. */
  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** The dotted path of element {@code index} of the list at {@code parent}. */
  static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
