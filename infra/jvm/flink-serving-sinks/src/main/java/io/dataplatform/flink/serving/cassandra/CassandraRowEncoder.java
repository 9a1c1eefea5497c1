package io.dataplatform.flink.serving.cassandra;

import io.dataplatform.flink.serving.FieldConverters;
import io.dataplatform.flink.serving.FieldConverters.FieldReader;
import io.dataplatform.flink.serving.RowEncoder;
import io.dataplatform.flink.serving.TableShape;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.RowData;

/** A row as the driver's bind values, in column order; the key identity is length-prefixed (collision-free). */
public final class CassandraRowEncoder implements RowEncoder<Object[]> {
  private final List<FieldReader<Object>> readers = new ArrayList<>();
  private final List<FieldReader<String>> keyText = new ArrayList<>();

  public CassandraRowEncoder(TableShape shape) {
    for (int i = 0; i < shape.columns().size(); i++) readers.add(FieldConverters.cql(i, shape.types().get(i)));
    for (int k : shape.keyIndexes()) keyText.add(FieldConverters.text(k, shape.types().get(k)));
  }

  @Override
  public String key(RowData row) {
    StringBuilder b = new StringBuilder();
    for (FieldReader<String> r : keyText) {
      String part = r.read(row);
      b.append(part.length()).append(':').append(part);
    }
    return b.toString();
  }

  @Override
  public Object[] encode(RowData row) {
    Object[] values = new Object[readers.size()];
    for (int i = 0; i < values.length; i++) values[i] = readers.get(i).read(row);
    return values;
  }
}
