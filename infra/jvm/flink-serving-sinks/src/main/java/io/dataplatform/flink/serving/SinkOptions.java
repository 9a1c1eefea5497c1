package io.dataplatform.flink.serving;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.common.operators.ProcessingTimeService;

/** Options both serving sinks take, and the writer plumbing they share. */
public final class SinkOptions {
  private SinkOptions() {}

  public static final ConfigOption<Duration> FLUSH_INTERVAL = ConfigOptions.key("sink.flush-interval")
      .durationType().defaultValue(Duration.ofSeconds(1))
      .withDescription("Longest time a change waits in the buffer (also flushed on every checkpoint).");
  public static final ConfigOption<Integer> MAX_ROWS = ConfigOptions.key("sink.buffer-flush.max-rows")
      .intType().defaultValue(1000).withDescription("Flush as soon as this many keys are buffered.");
  public static final ConfigOption<Integer> MAX_RETRIES = ConfigOptions.key("sink.max-retries")
      .intType().defaultValue(5).withDescription("Retries of a failed flush before the task fails.");
  public static final ConfigOption<Duration> RETRY_BACKOFF = ConfigOptions.key("sink.retry-backoff")
      .durationType().defaultValue(Duration.ofMillis(200)).withDescription("First retry delay, doubled per retry.");
  public static final ConfigOption<Duration> REQUEST_TIMEOUT = ConfigOptions.key("request-timeout")
      .durationType().defaultValue(Duration.ofSeconds(10)).withDescription("Timeout of one request to the store.");

  public static WriterSettings settings(ReadableConfig options) {
    return new WriterSettings(options.get(FLUSH_INTERVAL), options.get(MAX_ROWS), options.get(MAX_RETRIES), options.get(RETRY_BACKOFF));
  }

  /** Interval flushes on Flink's processing-time timers: they run on the task thread, between records. */
  public static BufferedChangeWriter.Scheduler scheduler(WriterInitContext context) {
    ProcessingTimeService time = context.getProcessingTimeService();
    return (delay, action) -> time.registerTimer(time.getCurrentProcessingTime() + delay, t -> action.run());
  }

  /** A credential from the TaskManager's environment, by the variable's name (never from the SQL text). */
  public static String env(String variable, String what) {
    String value = System.getenv(variable);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(what + ": environment variable " + variable + " is not set on this TaskManager");
    }
    return value;
  }
}
