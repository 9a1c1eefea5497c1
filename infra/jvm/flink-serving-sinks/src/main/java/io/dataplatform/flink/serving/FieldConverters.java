package io.dataplatform.flink.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * Flink's internal field values → what each store holds. The types are those the pipeline spec
 * renders (BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL, CHAR/VARCHAR/STRING, DATE,
 * TIME, TIMESTAMP, TIMESTAMP_LTZ, BYTES/BINARY); the CQL column types are the ones
 * pipeline-common's renderServingSinks declares for them (`cqlType`).
 */
public final class FieldConverters {
  private FieldConverters() {}

  public static final Set<LogicalTypeRoot> SUPPORTED = EnumSet.of(
      LogicalTypeRoot.BOOLEAN, LogicalTypeRoot.TINYINT, LogicalTypeRoot.SMALLINT, LogicalTypeRoot.INTEGER,
      LogicalTypeRoot.BIGINT, LogicalTypeRoot.FLOAT, LogicalTypeRoot.DOUBLE, LogicalTypeRoot.DECIMAL,
      LogicalTypeRoot.CHAR, LogicalTypeRoot.VARCHAR, LogicalTypeRoot.DATE, LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE,
      LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE, LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
      LogicalTypeRoot.BINARY, LogicalTypeRoot.VARBINARY);

  /** Reads one field as a store value; null stays null. */
  @FunctionalInterface
  public interface FieldReader<T> extends Serializable {
    T read(RowData row);
  }

  public static void requireSupported(String column, LogicalType type) {
    if (!SUPPORTED.contains(type.getTypeRoot())) {
      throw new IllegalArgumentException("column " + column + ": type " + type.asSummaryString()
          + " is not supported by the serving sinks (supported: " + SUPPORTED + ")");
    }
  }

  /**
   * The Java value the DataStax driver binds for the column's CQL type. TIMESTAMP (without zone)
   * is taken as UTC, as the rest of the platform does (Debezium's timestamps are UTC); Cassandra
   * keeps milliseconds, finer digits are cut.
   */
  public static FieldReader<Object> cql(int pos, LogicalType type) {
    FieldReader<Object> raw = internal(pos, type);
    return switch (type.getTypeRoot()) {
      case CHAR, VARCHAR -> row -> map(raw.read(row), v -> ((StringData) v).toString());
      case DECIMAL -> row -> map(raw.read(row), v -> ((DecimalData) v).toBigDecimal());
      case DATE -> row -> map(raw.read(row), v -> LocalDate.ofEpochDay((Integer) v));
      case TIME_WITHOUT_TIME_ZONE -> row -> map(raw.read(row), v -> LocalTime.ofNanoOfDay((Integer) v * 1_000_000L));
      case TIMESTAMP_WITHOUT_TIME_ZONE -> row -> map(raw.read(row), v -> ((TimestampData) v).toLocalDateTime().toInstant(ZoneOffset.UTC));
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> row -> map(raw.read(row), v -> ((TimestampData) v).toInstant());
      case BINARY, VARBINARY -> row -> map(raw.read(row), v -> ByteBuffer.wrap(((byte[]) v).clone()));
      default -> raw; // Boolean, Byte, Short, Integer, Long, Float, Double are what the driver binds
    };
  }

  /**
   * The JSON value of a CouchDB document field. DECIMAL is a string ("125.50": exact, like Debezium's
   * decimal.handling.mode=string), temporal types are ISO-8601 strings (TIMESTAMP_LTZ with "Z"),
   * bytes are base64.
   */
  public static FieldReader<JsonNode> json(int pos, LogicalType type) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    FieldReader<Object> raw = internal(pos, type);
    FieldReader<JsonNode> reader = switch (type.getTypeRoot()) {
      case BOOLEAN -> row -> f.booleanNode((Boolean) raw.read(row));
      case TINYINT -> row -> f.numberNode((Byte) raw.read(row));
      case SMALLINT -> row -> f.numberNode((Short) raw.read(row));
      case INTEGER -> row -> f.numberNode((Integer) raw.read(row));
      case BIGINT -> row -> f.numberNode((Long) raw.read(row));
      case FLOAT -> row -> f.numberNode((Float) raw.read(row));
      case DOUBLE -> row -> f.numberNode((Double) raw.read(row));
      case DECIMAL -> row -> f.textNode(((DecimalData) raw.read(row)).toBigDecimal().toPlainString());
      case CHAR, VARCHAR -> row -> f.textNode(raw.read(row).toString());
      case DATE -> row -> f.textNode(LocalDate.ofEpochDay((Integer) raw.read(row)).toString());
      case TIME_WITHOUT_TIME_ZONE -> row -> f.textNode(LocalTime.ofNanoOfDay((Integer) raw.read(row) * 1_000_000L).toString());
      case TIMESTAMP_WITHOUT_TIME_ZONE -> row -> f.textNode(isoLocal(((TimestampData) raw.read(row)).toLocalDateTime()));
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> row -> f.textNode(((TimestampData) raw.read(row)).toInstant().toString());
      case BINARY, VARBINARY -> row -> f.textNode(Base64.getEncoder().encodeToString((byte[]) raw.read(row)));
      default -> throw new IllegalArgumentException("unsupported type " + type.asSummaryString());
    };
    return row -> row.isNullAt(pos) ? f.nullNode() : reader.read(row);
  }

  /** Text of a key field, for buffer identity and CouchDB document ids. */
  public static FieldReader<String> text(int pos, LogicalType type) {
    FieldReader<JsonNode> json = json(pos, type);
    return row -> {
      JsonNode n = json.read(row);
      return n.isNull() ? "" : n.asText();
    };
  }

  private static String isoLocal(LocalDateTime t) {
    return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
  }

  private static FieldReader<Object> internal(int pos, LogicalType type) {
    RowData.FieldGetter getter = RowData.createFieldGetter(type, pos);
    return getter::getFieldOrNull;
  }

  private interface Fn extends Serializable {
    Object apply(Object v);
  }

  private static Object map(Object v, Fn fn) {
    return v == null ? null : fn.apply(v);
  }
}
