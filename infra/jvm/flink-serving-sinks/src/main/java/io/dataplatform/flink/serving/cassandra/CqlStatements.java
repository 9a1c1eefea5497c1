package io.dataplatform.flink.serving.cassandra;

import io.dataplatform.flink.serving.Identifiers;
import io.dataplatform.flink.serving.TableShape;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The two prepared statements of the sink. Names are validated identifiers (lowercase) and
 * double-quoted like pipeline-common's CREATE TABLE quotes them, so a CQL keyword used as a column
 * name (`order`, `key`) stays a name; quoted lowercase equals unquoted. CQL INSERT is an upsert.
 */
public final class CqlStatements {
  private CqlStatements() {}

  public static String insert(String keyspace, String table, TableShape shape) {
    List<String> cols = shape.columns().stream().map(c -> quoted("column", c)).toList();
    return "INSERT INTO " + qualified(keyspace, table) + " (" + String.join(", ", cols) + ") VALUES ("
        + cols.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
  }

  public static String delete(String keyspace, String table, TableShape shape) {
    return "DELETE FROM " + qualified(keyspace, table) + " WHERE "
        + shape.keyColumns().stream().map(c -> quoted("column", c) + " = ?").collect(Collectors.joining(" AND "));
  }

  private static String qualified(String keyspace, String table) {
    return quoted("keyspace", keyspace) + "." + quoted("table", table);
  }

  private static String quoted(String what, String name) {
    return "\"" + Identifiers.identifier(what, name) + "\"";
  }
}
