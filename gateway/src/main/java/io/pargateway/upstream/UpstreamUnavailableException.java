package io.pargateway.upstream;

/** The upstream OP could not be reached or did not answer in time. */
public final class UpstreamUnavailableException extends RuntimeException {

  public UpstreamUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
