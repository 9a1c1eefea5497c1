package io.dataplatform.flink.serving.couchdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplatform.flink.serving.FieldConverters;
import io.dataplatform.flink.serving.FieldConverters.FieldReader;
import io.dataplatform.flink.serving.RowEncoder;
import io.dataplatform.flink.serving.TableShape;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.RowData;

/**
 * A row as a CouchDB document body (one field per column) whose {@code _id} is the primary key's
 * values joined by ":" — the id the platform's views and lookups use (renderServingSinks' note).
 */
public final class CouchDbRowEncoder implements RowEncoder<ObjectNode> {
  private final List<String> columns;
  private final List<FieldReader<JsonNode>> readers = new ArrayList<>();
  private final List<FieldReader<String>> keyText = new ArrayList<>();

  public CouchDbRowEncoder(TableShape shape) {
    this.columns = shape.columns();
    for (int i = 0; i < columns.size(); i++) readers.add(FieldConverters.json(i, shape.types().get(i)));
    for (int k : shape.keyIndexes()) keyText.add(FieldConverters.text(k, shape.types().get(k)));
  }

  @Override
  public String key(RowData row) {
    List<String> parts = new ArrayList<>();
    for (FieldReader<String> r : keyText) parts.add(r.read(row));
    return String.join(":", parts);
  }

  @Override
  public ObjectNode encode(RowData row) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < columns.size(); i++) doc.set(columns.get(i), readers.get(i).read(row));
    return doc;
  }
}
