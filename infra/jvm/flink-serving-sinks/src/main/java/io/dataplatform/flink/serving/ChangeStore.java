package io.dataplatform.flink.serving;

import java.io.IOException;
import java.util.List;

/** A serving store the buffered writer applies changes to. Applying a change twice must be harmless. */
public interface ChangeStore<V> extends AutoCloseable {
  /**
   * Applies the changes (at most one per key) idempotently: an upsert by primary key, a delete of an
   * absent key is a no-op. Returns the changes that did not apply and may succeed when retried (e.g.
   * a timed-out statement, a revision conflict); throws when nothing could be applied.
   */
  List<Change<V>> apply(List<Change<V>> changes) throws IOException;

  @Override
  void close() throws IOException;
}
