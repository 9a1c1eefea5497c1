package io.dataplatform.flink.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;

/** Buffering per key, -U ignored, deletes, interval/size/checkpoint flushes, retries — against a fake store. */
class BufferedChangeWriterTest {
  /** A store holding key -> value that can be told to fail or reject the next calls. */
  static final class FakeStore implements ChangeStore<String> {
    final Map<String, String> rows = new LinkedHashMap<>();
    final List<List<Change<String>>> calls = new ArrayList<>();
    int failNextCalls;
    int rejectFirstChangeOfNextCalls;
    boolean closed;

    @Override
    public List<Change<String>> apply(List<Change<String>> changes) throws IOException {
      calls.add(List.copyOf(changes));
      if (failNextCalls > 0) {
        failNextCalls--;
        throw new IOException("store down");
      }
      List<Change<String>> rejected = new ArrayList<>();
      for (Change<String> c : changes) {
        if (rejectFirstChangeOfNextCalls > 0 && rejected.isEmpty()) {
          rejectFirstChangeOfNextCalls--;
          rejected.add(c);
          continue;
        }
        if (c.delete()) rows.remove(c.key());
        else rows.put(c.key(), c.value());
      }
      return rejected;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Timers fire only when the test says so. */
  static final class ManualScheduler implements BufferedChangeWriter.Scheduler {
    final List<BufferedChangeWriter.TimerAction> pending = new ArrayList<>();
    final List<Long> delays = new ArrayList<>();

    @Override
    public void schedule(long delayMillis, BufferedChangeWriter.TimerAction action) {
      delays.add(delayMillis);
      pending.add(action);
    }

    void fire() throws Exception {
      List<BufferedChangeWriter.TimerAction> now = new ArrayList<>(pending);
      pending.clear();
      for (BufferedChangeWriter.TimerAction a : now) a.run();
    }
  }

  static final RowEncoder<String> ENCODER = new RowEncoder<>() {
    @Override
    public String key(RowData row) {
      return row.getString(0).toString();
    }

    @Override
    public String encode(RowData row) {
      return row.isNullAt(1) ? null : row.getString(1).toString();
    }
  };

  final FakeStore store = new FakeStore();
  final ManualScheduler scheduler = new ManualScheduler();
  final List<Long> sleeps = new ArrayList<>();

  BufferedChangeWriter<String> writer(int maxRows, int maxRetries) {
    return new BufferedChangeWriter<>(ENCODER, store,
        new WriterSettings(Duration.ofSeconds(1), maxRows, maxRetries, Duration.ofMillis(100)), scheduler, sleeps::add);
  }

  static RowData row(RowKind kind, String key, String value) {
    GenericRowData r = GenericRowData.of(StringData.fromString(key), value == null ? null : StringData.fromString(value));
    r.setRowKind(kind);
    return r;
  }

  @Test
  void keepsOnlyTheLatestChangePerKeyAndIgnoresUpdateBefore() throws Exception {
    BufferedChangeWriter<String> w = writer(100, 0);
    w.write(row(RowKind.INSERT, "a", "1"), null);
    w.write(row(RowKind.UPDATE_BEFORE, "a", "1"), null);
    w.write(row(RowKind.UPDATE_AFTER, "a", "2"), null);
    w.write(row(RowKind.INSERT, "b", "9"), null);
    assertEquals(2, w.buffered());
    assertTrue(store.calls.isEmpty(), "nothing is written before a flush");
    w.flush(false);
    assertEquals(1, store.calls.size());
    assertEquals(List.of(Change.upsert("a", "2"), Change.upsert("b", "9")), store.calls.get(0));
    assertEquals(Map.of("a", "2", "b", "9"), store.rows);
  }

  @Test
  void aDeleteAfterAnInsertInTheSameWindowIsOneDelete() throws Exception {
    BufferedChangeWriter<String> w = writer(100, 0);
    w.write(row(RowKind.INSERT, "a", "1"), null);
    w.flush(false);
    w.write(row(RowKind.UPDATE_AFTER, "a", "2"), null);
    w.write(row(RowKind.DELETE, "a", "2"), null);
    w.flush(false);
    assertEquals(List.of(Change.deletion("a", "2")), store.calls.get(1));
    assertTrue(store.rows.isEmpty());
  }

  @Test
  void theIntervalTimerFlushesAndReschedulesItself() throws Exception {
    BufferedChangeWriter<String> w = writer(100, 0);
    assertEquals(List.of(1000L), scheduler.delays);
    w.write(row(RowKind.INSERT, "a", "1"), null);
    scheduler.fire();
    assertEquals(Map.of("a", "1"), store.rows);
    assertEquals(List.of(1000L, 1000L), scheduler.delays, "the next flush is scheduled");
    scheduler.fire(); // empty buffer: no call
    assertEquals(1, store.calls.size());
  }

  @Test
  void aFullBufferFlushesAtOnce() throws Exception {
    BufferedChangeWriter<String> w = writer(2, 0);
    w.write(row(RowKind.INSERT, "a", "1"), null);
    assertEquals(0, store.calls.size());
    w.write(row(RowKind.INSERT, "b", "2"), null);
    assertEquals(1, store.calls.size());
    assertEquals(0, w.buffered());
  }

  @Test
  void retriesAFailedFlushWithDoublingBackoff() throws Exception {
    BufferedChangeWriter<String> w = writer(100, 3);
    store.failNextCalls = 2;
    w.write(row(RowKind.INSERT, "a", "1"), null);
    w.flush(false);
    assertEquals(3, store.calls.size());
    assertEquals(List.of(100L, 200L), sleeps);
    assertEquals(Map.of("a", "1"), store.rows);
  }

  @Test
  void retriesOnlyTheRejectedChanges() throws Exception {
    BufferedChangeWriter<String> w = writer(100, 2);
    store.rejectFirstChangeOfNextCalls = 1;
    w.write(row(RowKind.INSERT, "a", "1"), null);
    w.write(row(RowKind.INSERT, "b", "2"), null);
    w.flush(false);
    assertEquals(List.of(Change.upsert("a", "1")), store.calls.get(1));
    assertEquals(Map.of("b", "2", "a", "1"), store.rows);
  }

  @Test
  void failsTheTaskWhenRetriesAreExhaustedAndKeepsTheBuffer() throws Exception {
    BufferedChangeWriter<String> w = writer(100, 1);
    store.failNextCalls = 5;
    w.write(row(RowKind.INSERT, "a", "1"), null);
    IOException e = assertThrows(IOException.class, () -> w.flush(false));
    assertTrue(e.getMessage().contains("2 attempt(s)"), e.getMessage());
    assertEquals(1, w.buffered());
    assertEquals(2, store.calls.size());
  }

  @Test
  void closeDoesNotFlushButClosesTheStore() throws Exception {
    BufferedChangeWriter<String> w = writer(100, 0);
    w.write(row(RowKind.INSERT, "a", "1"), null);
    w.close();
    assertTrue(store.calls.isEmpty());
    assertTrue(store.closed);
    scheduler.fire(); // a timer that fires after close does nothing
    assertTrue(store.calls.isEmpty());
  }
}
