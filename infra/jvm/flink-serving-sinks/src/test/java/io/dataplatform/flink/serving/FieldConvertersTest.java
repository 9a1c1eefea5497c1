package io.dataplatform.flink.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.junit.jupiter.api.Test;

/** Every Flink type the spec renders, as the CQL bind value and as the CouchDB JSON value. */
class FieldConvertersTest {
  private static Object cql(LogicalType type, Object internal) {
    return FieldConverters.cql(0, type).read(GenericRowData.of(internal));
  }

  private static String json(LogicalType type, Object internal) {
    return FieldConverters.json(0, type).read(GenericRowData.of(internal)).toString();
  }

  private static LogicalType t(org.apache.flink.table.types.DataType d) {
    return d.getLogicalType();
  }

  @Test
  void numbersAndBooleans() {
    assertEquals(true, cql(t(DataTypes.BOOLEAN()), true));
    assertEquals((byte) 7, cql(t(DataTypes.TINYINT()), (byte) 7));
    assertEquals((short) -3, cql(t(DataTypes.SMALLINT()), (short) -3));
    assertEquals(42, cql(t(DataTypes.INT()), 42));
    assertEquals(9_007_199_254_740_993L, cql(t(DataTypes.BIGINT()), 9_007_199_254_740_993L));
    assertEquals(1.5f, cql(t(DataTypes.FLOAT()), 1.5f));
    assertEquals(2.25d, cql(t(DataTypes.DOUBLE()), 2.25d));
    assertEquals("true", json(t(DataTypes.BOOLEAN()), true));
    assertEquals("7", json(t(DataTypes.TINYINT()), (byte) 7));
    assertEquals("-3", json(t(DataTypes.SMALLINT()), (short) -3));
    assertEquals("42", json(t(DataTypes.INT()), 42));
    assertEquals("9007199254740993", json(t(DataTypes.BIGINT()), 9_007_199_254_740_993L));
    assertEquals("1.5", json(t(DataTypes.FLOAT()), 1.5f));
    assertEquals("2.25", json(t(DataTypes.DOUBLE()), 2.25d));
  }

  @Test
  void decimalsStayExact() {
    DecimalData d = DecimalData.fromBigDecimal(new BigDecimal("125.50"), 14, 2);
    assertEquals(new BigDecimal("125.50"), cql(t(DataTypes.DECIMAL(14, 2)), d));
    assertEquals("\"125.50\"", json(t(DataTypes.DECIMAL(14, 2)), d));
  }

  @Test
  void strings() {
    assertEquals("SKU-1", cql(t(DataTypes.STRING()), StringData.fromString("SKU-1")));
    assertEquals("ab", cql(t(DataTypes.CHAR(2)), StringData.fromString("ab")));
    assertEquals("\"say \\\"hi\\\"\"", json(t(DataTypes.VARCHAR(20)), StringData.fromString("say \"hi\"")));
  }

  @Test
  void temporalTypes() {
    int days = (int) LocalDate.of(2026, 11, 24).toEpochDay();
    assertEquals(LocalDate.of(2026, 11, 24), cql(t(DataTypes.DATE()), days));
    assertEquals("\"2026-11-24\"", json(t(DataTypes.DATE()), days));
    int millis = 7 * 3_600_000 + 39 * 60_000 + 46_123;
    assertEquals(LocalTime.of(7, 39, 46, 123_000_000), cql(t(DataTypes.TIME(3)), millis));
    assertEquals("\"07:39:46.123\"", json(t(DataTypes.TIME(3)), millis));
    TimestampData ts = TimestampData.fromLocalDateTime(LocalDateTime.of(2026, 11, 24, 7, 39, 46, 123_456_000));
    // TIMESTAMP without zone is UTC on this platform (Debezium's timestamps are UTC)
    assertEquals(Instant.parse("2026-11-24T07:39:46.123456Z"), cql(t(DataTypes.TIMESTAMP(6)), ts));
    assertEquals("\"2026-11-24T07:39:46.123456\"", json(t(DataTypes.TIMESTAMP(6)), ts));
    TimestampData ltz = TimestampData.fromInstant(Instant.parse("2026-11-24T07:39:46.5Z"));
    assertEquals(Instant.parse("2026-11-24T07:39:46.5Z"), cql(t(DataTypes.TIMESTAMP_LTZ(3)), ltz));
    assertEquals("\"2026-11-24T07:39:46.500Z\"", json(t(DataTypes.TIMESTAMP_LTZ(3)), ltz));
  }

  @Test
  void bytes() {
    byte[] raw = {1, 2, (byte) 255};
    ByteBuffer b = (ByteBuffer) cql(t(DataTypes.BYTES()), raw);
    byte[] back = new byte[b.remaining()];
    b.get(back);
    assertArrayEquals(raw, back);
    assertEquals("\"AQL/\"", json(t(DataTypes.BYTES()), raw));
  }

  @Test
  void nullsStayNull() {
    assertNull(cql(t(DataTypes.INT()), null));
    assertNull(cql(t(DataTypes.TIMESTAMP(3)), null));
    assertEquals("null", json(t(DataTypes.DECIMAL(10, 2)), null));
    assertEquals("null", json(t(DataTypes.STRING()), null));
  }

  @Test
  void refusesTypesNoRendererEmits() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FieldConverters.requireSupported("tags", t(DataTypes.ARRAY(DataTypes.STRING()))));
    assertTrue(e.getMessage().contains("tags"));
  }
}
