package io.pargateway.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.io.Flushable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands log events from the event loops to one writer thread, never blocking the caller: an event
 * that finds the bounded queue full is dropped. The writer drains the queue every {@code
 * pollMillis} and passes each event to the attached appenders.
 *
 * <p>Logback's own {@code AsyncAppender} does the same but wakes its writer for every event and
 * lets it sleep again after each: at one access-log line per request, that wake-up and park cost
 * the event loops and the writer more CPU than formatting and writing the lines (see
 * BENCHMARKS.md). Here nothing wakes the writer; a line waits at most {@code pollMillis} before it
 * is written. Attached appenders that implement {@link Flushable} are flushed once per batch, so
 * that a buffering one ({@link BatchedStdoutAppender}) writes each batch in one system call.
 */
public final class PollingAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
    implements AppenderAttachable<ILoggingEvent> {

  private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
  private int queueSize = 8192;
  private long pollMillis = 10;
  private long maxFlushMillis = 1000;
  private BlockingQueue<ILoggingEvent> queue;
  private Thread writer;

  /** Events held at most; more are dropped. */
  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  /** How often the writer drains the queue, in milliseconds. */
  public void setPollMillis(long pollMillis) {
    this.pollMillis = pollMillis;
  }

  /** How long {@link #stop} waits for queued events to be written, in milliseconds. */
  public void setMaxFlushMillis(long maxFlushMillis) {
    this.maxFlushMillis = maxFlushMillis;
  }

  @Override
  public void start() {
    if (queueSize < 1 || pollMillis < 1) {
      addError("queueSize and pollMillis must be at least 1");
      return;
    }
    queue = new ArrayBlockingQueue<>(queueSize);
    writer = new Thread(this::writeUntilStopped, "log-writer-" + getName());
    writer.setDaemon(true);
    super.start();
    writer.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    // Arguments and MDC are read now, on the caller's thread, as the writer sees them later.
    event.prepareForDeferredProcessing();
    queue.offer(event);
  }

  private void writeUntilStopped() {
    List<ILoggingEvent> batch = new ArrayList<>();
    long pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis);
    while (isStarted()) {
      if (queue.drainTo(batch) == 0) {
        LockSupport.parkNanos(this, pollNanos);
        continue;
      }
      write(batch);
    }
    queue.drainTo(batch);
    write(batch);
  }

  private void write(List<ILoggingEvent> batch) {
    for (ILoggingEvent event : batch) {
      appenders.appendLoopOnAppenders(event);
    }
    batch.clear();
    // Appenders that buffer (BatchedStdoutAppender) write the whole batch at once.
    for (Iterator<Appender<ILoggingEvent>> it = appenders.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof Flushable flushable) {
        try {
          flushable.flush();
        } catch (IOException e) {
          addError("could not flush an appender", e);
        }
      }
    }
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    LockSupport.unpark(writer);
    try {
      writer.join(maxFlushMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      addWarn("log events still queued after " + maxFlushMillis + " ms were not written");
    }
    appenders.detachAndStopAllAppenders();
  }

  @Override
  public void addAppender(Appender<ILoggingEvent> appender) {
    appenders.addAppender(appender);
  }

  @Override
  public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
    return appenders.iteratorForAppenders();
  }

  @Override
  public Appender<ILoggingEvent> getAppender(String name) {
    return appenders.getAppender(name);
  }

  @Override
  public boolean isAttached(Appender<ILoggingEvent> appender) {
    return appenders.isAttached(appender);
  }

  @Override
  public void detachAndStopAllAppenders() {
    appenders.detachAndStopAllAppenders();
  }

  @Override
  public boolean detachAppender(Appender<ILoggingEvent> appender) {
    return appenders.detachAppender(appender);
  }

  @Override
  public boolean detachAppender(String name) {
    return appenders.detachAppender(name);
  }
}
