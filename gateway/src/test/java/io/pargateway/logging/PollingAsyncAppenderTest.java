package io.pargateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import java.io.Flushable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PollingAsyncAppenderTest {

  private final LoggerContext context = newContext();
  private final Logger logger = context.getLogger("test");

  /** A context as SLF4J sets one up, with the MDC that events read when they are deferred. */
  private static LoggerContext newContext() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    return context;
  }

  @Test
  void appendWhenStoppedThenEveryQueuedEventWrittenInOrder() {
    ListAppender<ILoggingEvent> target = started(new ListAppender<>());
    PollingAsyncAppender appender = started(target, 8192, 1000);
    for (int i = 0; i < 1000; i++) {
      appender.doAppend(event("line {}", i));
    }
    appender.stop();
    assertThat(target.list).hasSize(1000);
    assertThat(target.list.get(0).getFormattedMessage()).isEqualTo("line 0");
    assertThat(target.list.get(999).getFormattedMessage()).isEqualTo("line 999");
    assertThat(target.isStarted()).isFalse();
  }

  @Test
  void appendThenFlushableAppenderFlushedAfterEachBatch() {
    List<Integer> writtenAtFlush = new ArrayList<>();
    FlushableListAppender target = started(new FlushableListAppender(writtenAtFlush));
    PollingAsyncAppender appender = started(target, 8192, 1);
    for (int i = 0; i < 1000; i++) {
      appender.doAppend(event("line {}", i));
    }
    appender.stop();
    // Every flush follows at least one new event, and the last one follows them all.
    assertThat(writtenAtFlush).isNotEmpty().isSorted().doesNotHaveDuplicates();
    assertThat(writtenAtFlush.get(0)).isPositive();
    assertThat(writtenAtFlush.get(writtenAtFlush.size() - 1)).isEqualTo(1000);
  }

  /** Records how many events it held each time it was flushed. */
  private static final class FlushableListAppender extends ListAppender<ILoggingEvent>
      implements Flushable {

    private final List<Integer> writtenAtFlush;

    FlushableListAppender(List<Integer> writtenAtFlush) {
      this.writtenAtFlush = writtenAtFlush;
    }

    @Override
    public void flush() {
      writtenAtFlush.add(list.size());
    }
  }

  @Test
  void appendThenWrittenWithinThePollPeriod() throws InterruptedException {
    CountDownLatch written = new CountDownLatch(1);
    ListAppender<ILoggingEvent> target =
        started(
            new ListAppender<>() {
              @Override
              protected void append(ILoggingEvent event) {
                super.append(event);
                written.countDown();
              }
            });
    PollingAsyncAppender appender = started(target, 16, 5);
    appender.doAppend(event("one line"));
    assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
    appender.stop();
  }

  @Test
  void appendWhenQueueFullThenDroppedWithoutBlocking() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    List<String> seen = new ArrayList<>();
    ListAppender<ILoggingEvent> slow =
        started(
            new ListAppender<>() {
              @Override
              protected void append(ILoggingEvent event) {
                try {
                  release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                seen.add(event.getFormattedMessage());
              }
            });
    PollingAsyncAppender appender = started(slow, 4, 1);
    long start = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      appender.doAppend(event("line {}", i));
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    release.countDown();
    appender.stop();
    assertThat(elapsedMillis).isLessThan(1000);
    assertThat(seen).hasSizeLessThan(100);
  }

  @Test
  void appendWithArgumentsThenFormattedBeforeTheCallerGoesOn() {
    ListAppender<ILoggingEvent> target = started(new ListAppender<>());
    PollingAsyncAppender appender = started(target, 16, 1000);
    StringBuilder mutable = new StringBuilder("before");
    appender.doAppend(event("value={}", mutable));
    mutable.replace(0, mutable.length(), "after");
    appender.stop();
    assertThat(target.list.get(0).getFormattedMessage()).isEqualTo("value=before");
  }

  private ILoggingEvent event(String message, Object... arguments) {
    return new LoggingEvent(Logger.FQCN, logger, Level.INFO, message, null, arguments);
  }

  private <A extends ListAppender<ILoggingEvent>> A started(A appender) {
    appender.setContext(context);
    appender.start();
    return appender;
  }

  private PollingAsyncAppender started(
      ListAppender<ILoggingEvent> target, int queueSize, long pollMillis) {
    PollingAsyncAppender appender = new PollingAsyncAppender();
    appender.setContext(context);
    appender.setName("test");
    appender.setQueueSize(queueSize);
    appender.setPollMillis(pollMillis);
    appender.addAppender(target);
    appender.start();
    return appender;
  }
}
