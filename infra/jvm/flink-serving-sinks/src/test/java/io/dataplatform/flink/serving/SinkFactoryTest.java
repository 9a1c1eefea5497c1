package io.dataplatform.flink.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.flink.serving.cassandra.CassandraConfig;
import io.dataplatform.flink.serving.cassandra.CassandraSink;
import io.dataplatform.flink.serving.cassandra.CqlStatements;
import io.dataplatform.flink.serving.couchdb.CouchDbConfig;
import io.dataplatform.flink.serving.couchdb.CouchDbSink;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The factories as Flink finds them (SPI, by 'connector'), with their option validation. */
class SinkFactoryTest {
  static DynamicTableSink create(Map<String, String> options, List<Column> columns, List<String> key) {
    ResolvedSchema schema = new ResolvedSchema(columns, List.of(), key == null ? null : UniqueConstraint.primaryKey("pk", key));
    CatalogTable table = CatalogTable.newBuilder()
        .schema(Schema.newBuilder().fromResolvedSchema(schema).build()).options(options).build();
    return FactoryUtil.createDynamicTableSink(null, ObjectIdentifier.of("c", "d", "t"),
        new ResolvedCatalogTable(table, schema), Map.of(), new Configuration(), SinkFactoryTest.class.getClassLoader(), true);
  }

  static final List<Column> COLUMNS = List.of(
      Column.physical("sku", DataTypes.STRING().notNull()),
      Column.physical("warehouse", DataTypes.STRING()),
      Column.physical("on_hand", DataTypes.INT()),
      Column.physical("updated_at", DataTypes.TIMESTAMP(3)));

  static Map<String, String> cassandra(String... extra) {
    Map<String, String> o = new HashMap<>(Map.of("connector", "cassandra", "keyspace", "inventory", "table", "inventory_projection"));
    for (int i = 0; i < extra.length; i += 2) o.put(extra[i], extra[i + 1]);
    return o;
  }

  static Map<String, String> couchdb(String... extra) {
    Map<String, String> o = new HashMap<>(Map.of("connector", "couchdb", "database", "customer_case"));
    for (int i = 0; i < extra.length; i += 2) o.put(extra[i], extra[i + 1]);
    return o;
  }

  static String causes(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) b.append(c.getMessage()).append(" | ");
    return b.toString();
  }

  @Test
  void cassandraSinkWithDefaultsIsAnUpsertSink() {
    DynamicTableSink sink = create(cassandra(), COLUMNS, List.of("sku"));
    ChangelogMode mode = sink.getChangelogMode(ChangelogMode.all());
    assertTrue(mode.contains(RowKind.UPDATE_AFTER) && mode.contains(RowKind.DELETE) && !mode.contains(RowKind.UPDATE_BEFORE));
    CassandraConfig c = ((CassandraSink) ((ServingTableSink) sink).sink()).config();
    assertEquals("127.0.0.1:9042", c.hosts());
    assertEquals("datacenter1", c.localDatacenter());
    assertEquals(Duration.ofSeconds(1), c.settings().flushInterval());
    assertEquals(List.of("sku"), c.shape().keyColumns());
    assertEquals("INSERT INTO \"inventory\".\"inventory_projection\" (\"sku\", \"warehouse\", \"on_hand\", \"updated_at\") VALUES (?, ?, ?, ?)",
        CqlStatements.insert(c.keyspace(), c.table(), c.shape()));
    assertEquals("DELETE FROM \"inventory\".\"inventory_projection\" WHERE \"sku\" = ?", CqlStatements.delete(c.keyspace(), c.table(), c.shape()));
  }

  @Test
  void cassandraOptionsAreRead() {
    DynamicTableSink sink = create(cassandra("hosts", "cassandra-0.cassandra:9042,cassandra-1.cassandra:9042",
        "local-datacenter", "dc1", "sink.flush-interval", "250ms", "username-env", "CASSANDRA_USER", "password-env", "CASSANDRA_PASSWORD"),
        COLUMNS, List.of("sku", "warehouse"));
    CassandraConfig c = ((CassandraSink) ((ServingTableSink) sink).sink()).config();
    assertEquals("dc1", c.localDatacenter());
    assertEquals(Duration.ofMillis(250), c.settings().flushInterval());
    assertEquals("CASSANDRA_USER", c.usernameEnv());
    assertEquals("DELETE FROM \"inventory\".\"inventory_projection\" WHERE \"sku\" = ? AND \"warehouse\" = ?",
        CqlStatements.delete(c.keyspace(), c.table(), c.shape()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Inventory", "inv;DROP", "inv.x", "1inv", "inv entory", "system\u0000", "ｉnv", ""})
  void hostileKeyspaceAndTableNamesAreRefused(String name) {
    Throwable k = assertThrows(Exception.class, () -> create(cassandra("keyspace", name), COLUMNS, List.of("sku")));
    assertTrue(causes(k).contains("keyspace"), causes(k));
    Throwable t = assertThrows(Exception.class, () -> create(cassandra("table", name), COLUMNS, List.of("sku")));
    assertTrue(causes(t).contains("table"), causes(t));
    Throwable d = assertThrows(Exception.class, () -> create(couchdb("database", name), COLUMNS, List.of("sku")));
    assertTrue(causes(d).contains("database"), causes(d));
  }

  @Test
  void hostileColumnNamesAreRefused() {
    List<Column> cols = List.of(Column.physical("sku", DataTypes.STRING().notNull()), Column.physical("x) VALUES (1); --", DataTypes.INT()));
    assertTrue(causes(assertThrows(Exception.class, () -> create(cassandra(), cols, List.of("sku")))).contains("column name"));
  }

  @Test
  void aPrimaryKeyIsRequired() {
    assertTrue(causes(assertThrows(Exception.class, () -> create(cassandra(), COLUMNS, null))).contains("PRIMARY KEY"));
    assertTrue(causes(assertThrows(Exception.class, () -> create(couchdb(), COLUMNS, null))).contains("PRIMARY KEY"));
  }

  @Test
  void unknownOptionsAndBadValuesAreRefused() {
    assertTrue(causes(assertThrows(Exception.class, () -> create(cassandra("password", "secret"), COLUMNS, List.of("sku"))))
        .contains("password"));
    assertTrue(causes(assertThrows(Exception.class, () -> create(cassandra("hosts", "127.0.0.1"), COLUMNS, List.of("sku"))))
        .contains("hosts"));
    assertTrue(causes(assertThrows(Exception.class, () -> create(couchdb("url", "http://admin:pw@127.0.0.1:5984"), COLUMNS, List.of("sku"))))
        .contains("url"));
    assertTrue(causes(assertThrows(Exception.class, () -> create(couchdb("url", "http://127.0.0.1:5984/other_db/_bulk_docs"), COLUMNS, List.of("sku"))))
        .contains("url"));
    assertTrue(causes(assertThrows(Exception.class, () -> create(couchdb("username-env", "$(id)"), COLUMNS, List.of("sku"))))
        .contains("username-env"));
    assertTrue(causes(assertThrows(Exception.class, () -> create(couchdb("sink.flush-interval", "0s"), COLUMNS, List.of("sku"))))
        .contains("flush-interval"));
  }

  @Test
  void couchDbSinkReadsCredentialsByEnvVarName() {
    DynamicTableSink sink = create(couchdb(), COLUMNS, List.of("sku"));
    CouchDbConfig c = ((CouchDbSink) ((ServingTableSink) sink).sink()).config();
    assertEquals("http://127.0.0.1:5984", c.url());
    assertEquals("COUCHDB_USER", c.usernameEnv());
    assertEquals("COUCHDB_PASSWORD", c.passwordEnv());
    assertInstanceOf(ServingTableSink.class, sink.copy());
  }

  @Test
  void unsupportedColumnTypesAreRefused() {
    List<Column> cols = List.of(Column.physical("sku", DataTypes.STRING().notNull()),
        Column.physical("tags", (DataType) DataTypes.MAP(DataTypes.STRING(), DataTypes.INT())));
    assertTrue(causes(assertThrows(Exception.class, () -> create(couchdb(), cols, List.of("sku")))).contains("tags"));
  }
}
