package io.dataplatform.flink.serving;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the buffered writer flushes: at the latest every {@code flushInterval} (the serving path's
 * p95 target is 5 s from the source commit), as soon as {@code maxBufferedRows} keys are waiting,
 * and at every checkpoint. A failed flush is retried {@code maxRetries} times with doubling backoff.
 */
public record WriterSettings(Duration flushInterval, int maxBufferedRows, int maxRetries, Duration retryBackoff)
    implements Serializable {
  public WriterSettings {
    if (flushInterval.isNegative() || flushInterval.isZero() || flushInterval.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("sink.flush-interval must be > 0 and ≤ 10 min");
    }
    if (maxBufferedRows < 1 || maxBufferedRows > 100_000) {
      throw new IllegalArgumentException("sink.buffer-flush.max-rows must be 1..100000");
    }
    if (maxRetries < 0 || maxRetries > 20) throw new IllegalArgumentException("sink.max-retries must be 0..20");
    if (retryBackoff.isNegative()) throw new IllegalArgumentException("sink.retry-backoff must be ≥ 0");
  }
}
