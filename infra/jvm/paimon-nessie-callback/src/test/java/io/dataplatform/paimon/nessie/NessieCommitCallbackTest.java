package io.dataplatform.paimon.nessie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.paimon.Snapshot;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.CatalogContext;
import org.apache.paimon.catalog.CatalogFactory;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.data.BinaryString;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.options.Options;
import org.apache.paimon.schema.Schema;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.sink.CommitMessage;
import org.apache.paimon.table.sink.StreamTableCommit;
import org.apache.paimon.table.sink.StreamTableWrite;
import org.apache.paimon.table.sink.StreamWriteBuilder;
import org.apache.paimon.types.DataTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Paimon tables on the local filesystem, written through Paimon's Java API with the table
 * options the portal renders; Nessie is an in-process HTTP fake with Nessie's commit rules.
 */
class NessieCommitCallbackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CALLBACK = NessieCommitCallback.class.getName();

  @TempDir Path warehouse;
  private FakeNessie nessie;
  private Catalog catalog;

  @BeforeEach
  void start() throws Exception {
    nessie = new FakeNessie();
    Options options = new Options();
    options.set("warehouse", warehouse.toUri().toString());
    catalog = CatalogFactory.createCatalog(CatalogContext.create(options));
    catalog.createDatabase("commerce", true);
  }

  @AfterEach
  void stop() throws Exception {
    nessie.close();
    catalog.close();
  }

  private FileStoreTable table(String name, String param) throws Exception {
    Schema schema = Schema.newBuilder()
        .column("id", DataTypes.BIGINT().notNull())
        .column("status", DataTypes.STRING())
        .primaryKey("id")
        .option("bucket", "1")
        .option("metadata.iceberg.storage", "table-location")
        .option("full-compaction.delta-commits", "1")
        .option("commit.callbacks", CALLBACK)
        .option("commit.callback." + CALLBACK + ".param", param)
        .build();
    catalog.createTable(Identifier.create("commerce", name), schema, false);
    return (FileStoreTable) catalog.getTable(Identifier.create("commerce", name));
  }

  private String param() {
    return "uri=" + nessie.uri() + ";ref=main;pipeline=finance-reconciliation;attempts=3;timeout-ms=2000";
  }

  /** One streaming commit per identifier, each with one row, the way Flink's committer commits. */
  private static void writeCommits(FileStoreTable table, String user, long from, long to) throws Exception {
    StreamWriteBuilder builder = table.newStreamWriteBuilder().withCommitUser(user);
    try (StreamTableWrite write = builder.newWrite(); StreamTableCommit commit = builder.newCommit()) {
      for (long i = from; i <= to; i++) {
        write.write(GenericRow.of(i, BinaryString.fromString("NEW")));
        commit.commit(i, write.prepareCommit(true, i));
      }
    }
  }

  private static List<Long> snapshotIds(FileStoreTable table) throws Exception {
    List<Long> ids = new ArrayList<>();
    table.snapshotManager().snapshots().forEachRemaining(s -> ids.add(s.id()));
    return ids;
  }

  private List<Long> recordedSnapshotIds() {
    List<Long> ids = new ArrayList<>();
    for (ObjectNode c : nessie.commits) {
      ids.add(Long.parseLong(c.path("commitMeta").path("properties").path("paimon.snapshot-id").asText()));
    }
    return ids;
  }

  @Test
  void recordsOneNessieCommitPerPaimonSnapshotPointingAtItsIcebergMetadata() throws Exception {
    FileStoreTable table = table("finance_fact", param());
    writeCommits(table, "job-1", 1, 3);

    List<Long> paimon = snapshotIds(table);
    assertTrue(paimon.size() >= 3, "Paimon snapshots: " + paimon); // APPEND, plus COMPACT ones when compaction commits apart
    assertEquals(paimon, recordedSnapshotIds());

    Snapshot latest = table.snapshotManager().latestSnapshot();
    JsonNode content = nessie.contents.get("commerce.finance_fact");
    String location = IcebergPointer.metadataPath(table.location(), latest.id()).toString();
    assertEquals("ICEBERG_TABLE", content.path("type").asText());
    assertEquals(location, content.path("metadataLocation").asText());
    assertEquals(latest.id(), content.path("snapshotId").asLong());
    // the content names the file Paimon wrote, and that file is current at this snapshot
    String metadata = Files.readString(Path.of(java.net.URI.create(location)));
    assertEquals(latest.id(), JSON.readTree(metadata).path("current-snapshot-id").asLong());

    ObjectNode first = nessie.commits.get(0);
    assertEquals("NAMESPACE", first.path("operations").path(0).path("content").path("type").asText());
    assertEquals("[\"commerce\",\"finance_fact\"]", first.path("operations").path(1).path("key").path("elements").toString());
    JsonNode meta = nessie.commits.get(nessie.commits.size() - 1).path("commitMeta");
    assertEquals("commerce.finance_fact", meta.path("properties").path("paimon.table").asText());
    assertEquals(latest.commitKind().name(), meta.path("properties").path("paimon.commit-kind").asText());
    assertEquals(Long.toString(latest.totalRecordCount()), meta.path("properties").path("paimon.total-record-count").asText());
    assertEquals("finance-reconciliation", meta.path("properties").path("pipeline").asText());
    assertEquals("[\"finance-reconciliation\"]", meta.path("authors").toString());
    assertTrue(meta.path("message").asText().startsWith("commerce.finance_fact: Paimon snapshot " + latest.id()));
    // later commits update the same content (by id) and never re-create the namespace
    for (int i = 1; i < nessie.commits.size(); i++) {
      assertEquals(1, nessie.commits.get(i).path("operations").size());
      assertNotNull(nessie.commits.get(i).path("operations").path(0).path("content").get("id"));
    }
  }

  @Test
  void twoTablesShareTheNamespaceAndEachKeepsItsOwnContent() throws Exception {
    FileStoreTable facts = table("finance_fact", param());
    FileStoreTable payments = table("payment_fact", param());
    writeCommits(facts, "job-1", 1, 2);
    writeCommits(payments, "job-2", 1, 1);
    assertEquals(snapshotIds(facts).size() + snapshotIds(payments).size(), nessie.commits.size());
    long namespacePuts = nessie.commits.stream()
        .flatMap(c -> { List<JsonNode> ops = new ArrayList<>(); c.path("operations").forEach(ops::add); return ops.stream(); })
        .filter(op -> "NAMESPACE".equals(op.path("content").path("type").asText()))
        .count();
    assertEquals(1, namespacePuts);
    assertEquals(facts.snapshotManager().latestSnapshotId(), nessie.contents.get("commerce.finance_fact").path("snapshotId").asLong());
    assertEquals(payments.snapshotManager().latestSnapshotId(), nessie.contents.get("commerce.payment_fact").path("snapshotId").asLong());
  }

  @Test
  void retriesAConflictByReadingTheKeyAgain() throws Exception {
    FileStoreTable table = table("finance_fact", param());
    nessie.conflictsToAnswer = 2;
    writeCommits(table, "job-1", 1, 1);
    assertEquals(snapshotIds(table), recordedSnapshotIds());
  }

  @Test
  void aReplayedSnapshotIsNotRecordedTwice() throws Exception {
    FileStoreTable table = table("finance_fact", param());
    writeCommits(table, "job-1", 1, 1);
    int before = nessie.commits.size();
    NessieCommitCallback callback = new NessieCommitCallback(param());
    callback.setTable(table);
    callback.record(table.snapshotManager().latestSnapshot());
    assertEquals(before, nessie.commits.size());
  }

  @Test
  void whenNessieIsDownTheCommitFailsAndPaimonsRetryRecordsTheNewestSnapshot() throws Exception {
    FileStoreTable table = table("finance_fact", param());
    writeCommits(table, "job-1", 1, 1);
    int recorded = nessie.commits.size();
    String uri = nessie.uri();
    nessie.close();

    StreamWriteBuilder builder = table.newStreamWriteBuilder().withCommitUser("job-1");
    List<CommitMessage> messages;
    try (StreamTableWrite write = builder.newWrite()) {
      write.write(GenericRow.of(2L, BinaryString.fromString("PAID")));
      messages = write.prepareCommit(true, 2);
    }
    try (StreamTableCommit commit = builder.newCommit()) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> commit.commit(2, messages));
      assertTrue(String.valueOf(e.getMessage()).contains("in Nessie"), e.toString());
    }
    long committed = table.snapshotManager().latestSnapshotId();
    assertTrue(committed > recorded, "the Paimon snapshot itself is committed");

    // Nessie is back (same port) and Flink restores the committer: the committable is already
    // in Paimon, so Paimon calls retry() instead of call()
    try (FakeNessie back = FakeNessie.onPort(uri)) {
      back.contents.putAll(nessie.contents);
      try (StreamTableCommit commit = builder.newCommit()) {
        assertEquals(0, commit.filterAndCommit(Map.of(2L, messages)));
      }
      assertEquals(1, back.commits.size());
      assertEquals(committed, back.contents.get("commerce.finance_fact").path("snapshotId").asLong());
    }
  }

  @Test
  void aTableWithoutIcebergMetadataIsSkipped() throws Exception {
    Schema schema = Schema.newBuilder()
        .column("id", DataTypes.BIGINT().notNull())
        .primaryKey("id")
        .option("bucket", "1")
        .option("commit.callbacks", CALLBACK)
        .option("commit.callback." + CALLBACK + ".param", param())
        .build();
    catalog.createTable(Identifier.create("commerce", "plain"), schema, false);
    FileStoreTable table = (FileStoreTable) catalog.getTable(Identifier.create("commerce", "plain"));
    StreamWriteBuilder builder = table.newStreamWriteBuilder();
    try (StreamTableWrite write = builder.newWrite(); StreamTableCommit commit = builder.newCommit()) {
      write.write(GenericRow.of(1L));
      commit.commit(1, write.prepareCommit(true, 1));
    }
    assertFalse(snapshotIds(table).isEmpty());
    assertTrue(nessie.commits.isEmpty());
  }

  @Test
  void theKeyComesFromTheCatalogIdentifier() throws Exception {
    FileStoreTable table = table("cs_orders", param());
    assertEquals("commerce.cs_orders", NessieCommitCallback.keyOf(table).tableKey());
    assertEquals(new TreeSet<>(List.of("commerce")), new TreeSet<>(NessieCommitCallback.keyOf(table).namespace()));
  }
}
