package io.pargateway.logging;

import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;

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
    setOutputStream(new BufferedOutputStream(new QuietStdout(), bufferBytes));
    super.start();
  }

  /**
   * Standard output that, like {@code System.out}, never throws: a failed write (a closed pipe, a
   * full non-blocking descriptor) loses those lines instead of stopping the appender for good,
   * which is what logback does when an appender's stream throws.
   */
  private final class QuietStdout extends OutputStream {

    private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);
    private boolean reported;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      try {
        out.write(bytes, offset, length);
      } catch (IOException e) {
        if (!reported) {
          reported = true;
          addError("standard output refused a write; lines are lost until it accepts them", e);
        }
      }
    }
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
