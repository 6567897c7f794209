package io.pargateway.store;

/** The store could not be reached or did not confirm an operation in time. */
public final class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
