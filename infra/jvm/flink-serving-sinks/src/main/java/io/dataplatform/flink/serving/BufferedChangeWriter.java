package io.dataplatform.flink.serving;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.table.data.RowData;

/**
 * Upsert writer shared by the Cassandra and CouchDB sinks. Rows are buffered per primary key (the
 * last change of a key wins: +I/+U upsert, -D delete, -U is ignored because the following +U
 * replaces the row anyway), and written when the interval timer fires, when the buffer is full, and
 * in {@link #flush} — which Flink calls before every checkpoint barrier. So a completed checkpoint
 * means every row before it is in the store; a restored job replays from that checkpoint and
 * re-applies idempotent upserts/deletes by key: exactly once in effect.
 */
public final class BufferedChangeWriter<V> implements SinkWriter<RowData> {
  /** Runs an action once after a delay, on the task's own thread (Flink's processing-time timers). */
  public interface Scheduler {
    void schedule(long delayMillis, TimerAction action);
  }

  @FunctionalInterface
  public interface TimerAction {
    void run() throws IOException, InterruptedException;
  }

  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final RowEncoder<V> encoder;
  private final ChangeStore<V> store;
  private final WriterSettings settings;
  private final Scheduler scheduler;
  private final Sleeper sleeper;
  private final Map<String, Change<V>> buffer = new LinkedHashMap<>();
  private long flushes;
  private boolean closed;

  public BufferedChangeWriter(
      RowEncoder<V> encoder, ChangeStore<V> store, WriterSettings settings, Scheduler scheduler, Sleeper sleeper) {
    this.encoder = encoder;
    this.store = store;
    this.settings = settings;
    this.scheduler = scheduler;
    this.sleeper = sleeper;
    scheduleNextFlush();
  }

  @Override
  public void write(RowData row, Context context) throws IOException, InterruptedException {
    switch (row.getRowKind()) {
      case UPDATE_BEFORE:
        return;
      case DELETE:
        put(Change.deletion(encoder.key(row), encoder.encode(row)));
        break;
      default:
        put(Change.upsert(encoder.key(row), encoder.encode(row)));
    }
    if (buffer.size() >= settings.maxBufferedRows()) flushBuffer();
  }

  private void put(Change<V> change) {
    // Re-insert so the map's order is the order of the keys' latest changes.
    buffer.remove(change.key());
    buffer.put(change.key(), change);
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    flushBuffer();
  }

  /** Number of keys waiting for the next flush. */
  public int buffered() {
    return buffer.size();
  }

  /** Number of flushes that wrote something (for tests and metrics). */
  public long flushes() {
    return flushes;
  }

  private void scheduleNextFlush() {
    scheduler.schedule(settings.flushInterval().toMillis(), () -> {
      if (closed) return;
      flushBuffer();
      scheduleNextFlush();
    });
  }

  private void flushBuffer() throws IOException, InterruptedException {
    if (buffer.isEmpty()) return;
    List<Change<V>> pending = new ArrayList<>(buffer.values());
    IOException lastError = null;
    long backoff = settings.retryBackoff().toMillis();
    for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
      if (attempt > 0) {
        sleeper.sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
      try {
        pending = store.apply(pending);
        lastError = null;
      } catch (IOException e) {
        lastError = e;
      }
      if (lastError == null && pending.isEmpty()) {
        buffer.clear();
        flushes++;
        return;
      }
    }
    // Failing the task is the exactly-once-in-effect path: Flink restores the last checkpoint and
    // the replayed rows are upserted again. The buffer is left as is; the writer is discarded.
    String detail = lastError != null ? lastError.getMessage() : pending.size() + " change(s) still rejected, e.g. key " + pending.get(0).key();
    throw new IOException("serving sink: flush failed after " + (settings.maxRetries() + 1) + " attempt(s): " + detail, lastError);
  }

  @Override
  public void close() throws Exception {
    // No flush here: close also runs on cancellation and failure, where the rows after the last
    // checkpoint are replayed anyway. Flushing happens in flush() (checkpoint, end of input).
    closed = true;
    store.close();
  }
}
