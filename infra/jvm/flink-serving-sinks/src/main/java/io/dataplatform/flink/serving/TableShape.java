package io.dataplatform.flink.serving;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Columns (validated names, supported types) and primary key of a sink table. Serializable, so the
 * sink ships it to the TaskManagers, where the writers build their encoders from it.
 */
public record TableShape(List<String> columns, List<LogicalType> types, int[] keyIndexes) implements Serializable {
  public static TableShape of(ResolvedSchema schema) {
    List<String> columns = new ArrayList<>();
    List<LogicalType> types = new ArrayList<>();
    for (Column c : schema.getColumns()) {
      if (!c.isPhysical()) continue;
      Identifiers.identifier("column name", c.getName());
      FieldConverters.requireSupported(c.getName(), c.getDataType().getLogicalType());
      columns.add(c.getName());
      types.add(c.getDataType().getLogicalType());
    }
    UniqueConstraint pk = schema.getPrimaryKey().orElseThrow(() -> new IllegalArgumentException(
        "a serving sink needs PRIMARY KEY (...) NOT ENFORCED: rows are upserted and deleted by key"));
    int[] keys = pk.getColumns().stream().mapToInt(columns::indexOf).toArray();
    return new TableShape(List.copyOf(columns), List.copyOf(types), keys);
  }

  public List<String> keyColumns() {
    List<String> out = new ArrayList<>();
    for (int k : keyIndexes) out.add(columns.get(k));
    return out;
  }
}
