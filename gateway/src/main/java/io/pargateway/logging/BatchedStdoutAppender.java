package io.pargateway.logging;

import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.Flushable;
import java.io.IOException;

/**
 * Writes to standard output through a buffer that is flushed when {@link #flush} is called, not
 * after every event: attached to a {@link PollingAsyncAppender}, which flushes it once per batch,
 * the lines of one batch reach the output in one write. Logback's {@code ConsoleAppender} writes
 * each line with its own system call (standard output flushes on every write), which at one access
 * log line per request is a system call per request.
 *
 * <p>Used on its own, lines wait in the buffer until it fills or the appender stops; attach it to a
 * {@link PollingAsyncAppender}.
 */
public final class BatchedStdoutAppender<E> extends OutputStreamAppender<E> implements Flushable {

  private int bufferBytes = 64 * 1024;

  /** Size of the buffer, in bytes. */
  public void setBufferBytes(int bufferBytes) {
    this.bufferBytes = bufferBytes;
  }

  @Override
  public void start() {
    if (bufferBytes < 1) {
      addError("bufferBytes must be at least 1");
      return;
    }
    setImmediateFlush(false);
    setOutputStream(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), bufferBytes));
    super.start();
  }

  @Override
  public void flush() throws IOException {
    streamWriteLock.lock();
    try {
      if (getOutputStream() != null) {
        getOutputStream().flush();
      }
    } finally {
      streamWriteLock.unlock();
    }
  }

  /** Flushes what is buffered, but never closes the process's standard output. */
  @Override
  protected void closeOutputStream() {
    try {
      flush();
    } catch (IOException e) {
      addError("could not flush standard output", e);
    }
  }
}
