package io.dataplatform.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Debezium Cassandra change event → flat JSON. As a key converter: the key struct's fields. As a
 * value converter: for an insert/update ({@code op} i/u) the {@code after} image, one field per column
 * with its {@code value}; a delete ({@code op} d) becomes a null value, which JSON readers skip.
 * Timestamps become ISO-8601 local UTC text ("2026-12-03T14:32:11.107", what Flink's JSON format
 * reads into TIMESTAMP(3)); blobs base64; Debezium's internal range markers are left out.
 */
public final class FlatRowJsonConverter implements Converter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
  private boolean isKey;

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (!(value instanceof Struct struct)) return null;
    ObjectNode out = isKey ? flatKey(struct) : flatAfter(struct);
    if (out == null) return null;
    try {
      return JSON.writeValueAsBytes(out);
    } catch (Exception e) {
      throw new DataException("cannot write flat JSON for topic " + topic, e);
    }
  }

  private static ObjectNode flatKey(Struct key) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Field f : key.schema().fields()) out.set(f.name(), json(f.schema(), key.get(f)));
    return out;
  }

  private static ObjectNode flatAfter(Struct event) {
    String op = event.schema().field("op") == null ? null : event.getString("op");
    if (!"i".equals(op) && !"u".equals(op) && !"c".equals(op)) return null;
    Struct after = event.getStruct("after");
    if (after == null) return null;
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Field f : after.schema().fields()) {
      if (f.name().startsWith("_")) continue; // _range_start/_range_end: Debezium's markers, not columns
      Object cell = after.get(f);
      if (cell instanceof Struct c && c.schema().field("value") != null) {
        out.set(f.name(), json(c.schema().field("value").schema(), c.get("value")));
      } else {
        out.set(f.name(), json(f.schema(), cell));
      }
    }
    return out;
  }

  static JsonNode json(Schema schema, Object v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (v == null) return f.nullNode();
    String name = schema == null ? null : schema.name();
    if (v instanceof Date d) return f.textNode(ISO.format(LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC)));
    if (v instanceof Long l && name != null && name.endsWith("Timestamp")) {
      return f.textNode(ISO.format(LocalDateTime.ofEpochSecond(Math.floorDiv(l, 1000), (int) Math.floorMod(l, 1000) * 1_000_000, ZoneOffset.UTC)));
    }
    if (v instanceof byte[] b) return f.textNode(Base64.getEncoder().encodeToString(b));
    if (v instanceof ByteBuffer b) {
      byte[] copy = new byte[b.remaining()];
      b.duplicate().get(copy);
      return f.textNode(Base64.getEncoder().encodeToString(copy));
    }
    return JSON.valueToTree(v);
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    throw new DataException("FlatRowJsonConverter only writes (it serves a CDC source)");
  }
}
