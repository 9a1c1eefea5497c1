package io.dataplatform.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/** Debezium Cassandra's envelope (per-column {value, deletion_ts, set}) as flat JSON rows. */
class FlatRowJsonConverterTest {
  static Schema cell(Schema value) {
    return SchemaBuilder.struct().field("value", value).field("deletion_ts", Schema.OPTIONAL_INT64_SCHEMA)
        .field("set", Schema.BOOLEAN_SCHEMA).optional().build();
  }

  static final Schema AFTER = SchemaBuilder.struct()
      .field("sku", cell(Schema.OPTIONAL_STRING_SCHEMA))
      .field("event_time", cell(Timestamp.builder().optional().build()))
      .field("order_id", cell(Schema.OPTIONAL_INT64_SCHEMA))
      .field("delta", cell(Schema.OPTIONAL_INT32_SCHEMA))
      .field("warehouse", cell(Schema.OPTIONAL_STRING_SCHEMA))
      .field("_range_start", Schema.OPTIONAL_STRING_SCHEMA)
      .optional().build();
  static final Schema ENVELOPE = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).field("after", AFTER).build();

  static Struct cellOf(Schema s, Object v) {
    return new Struct(s).put("value", v).put("set", true);
  }

  static Struct event(String op) {
    Struct after = new Struct(AFTER)
        .put("sku", cellOf(AFTER.field("sku").schema(), "SKU-1"))
        .put("event_time", cellOf(AFTER.field("event_time").schema(), new Date(1796308331107L)))
        .put("order_id", cellOf(AFTER.field("order_id").schema(), 42L))
        .put("delta", cellOf(AFTER.field("delta").schema(), -1))
        .put("warehouse", cellOf(AFTER.field("warehouse").schema(), null));
    return new Struct(ENVELOPE).put("op", op).put("after", after);
  }

  static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void insertsBecomeFlatRows() {
    FlatRowJsonConverter c = new FlatRowJsonConverter();
    c.configure(Map.of(), false);
    assertEquals("{\"sku\":\"SKU-1\",\"event_time\":\"2026-12-03T14:32:11.107\",\"order_id\":42,\"delta\":-1,\"warehouse\":null}",
        text(c.fromConnectData("t", ENVELOPE, event("i"))));
    assertEquals(text(c.fromConnectData("t", ENVELOPE, event("i"))), text(c.fromConnectData("t", ENVELOPE, event("u"))));
  }

  @Test
  void deletesBecomeNullValues() {
    FlatRowJsonConverter c = new FlatRowJsonConverter();
    c.configure(Map.of(), false);
    assertNull(c.fromConnectData("t", ENVELOPE, event("d")));
  }

  @Test
  void keysAreFlatToo() {
    Schema key = SchemaBuilder.struct().field("sku", Schema.STRING_SCHEMA).field("event_time", Schema.INT64_SCHEMA).build();
    FlatRowJsonConverter c = new FlatRowJsonConverter();
    c.configure(Map.of(), true);
    assertEquals("{\"sku\":\"SKU-1\",\"event_time\":1796308331107}",
        text(c.fromConnectData("t", key, new Struct(key).put("sku", "SKU-1").put("event_time", 1796308331107L))));
  }

  @Test
  void epochMillisNamedTimestampAreFormatted() {
    Schema s = SchemaBuilder.int64().name("io.debezium.time.Timestamp").build();
    assertEquals("\"1970-01-01T00:00:01.005\"", FlatRowJsonConverter.json(s, 1005L).toString());
    assertEquals("\"AQI=\"", FlatRowJsonConverter.json(Schema.BYTES_SCHEMA, new byte[] {1, 2}).toString());
  }
}
