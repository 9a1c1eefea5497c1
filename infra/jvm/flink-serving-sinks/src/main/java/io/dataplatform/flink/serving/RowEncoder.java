package io.dataplatform.flink.serving;

import java.io.Serializable;
import org.apache.flink.table.data.RowData;

/** Turns a Flink row into the store's representation; called at once, so reused rows are safe. */
public interface RowEncoder<V> extends Serializable {
  /** Primary-key identity of the row, used to keep only the latest change per key. */
  String key(RowData row);

  V encode(RowData row);
}
