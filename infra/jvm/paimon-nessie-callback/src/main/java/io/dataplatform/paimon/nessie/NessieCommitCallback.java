package io.dataplatform.paimon.nessie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import org.apache.paimon.Snapshot;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.fs.Path;
import org.apache.paimon.manifest.ManifestCommittable;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.sink.CommitCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every Paimon snapshot of a table in Nessie: one Nessie commit per snapshot that puts the
 * table's Iceberg content (the {@code vN.metadata.json} Paimon's own Iceberg callback wrote a moment
 * earlier) under {@code [database, table]} on the configured branch, with the snapshot id, kind and
 * record counts in the commit's properties. Trino's Iceberg connector (catalog type {@code nessie})
 * then reads the table at exactly the committed snapshot, with no registration step.
 *
 * <p>Configured per table:
 *
 * <pre>
 * 'commit.callbacks' = 'io.dataplatform.paimon.nessie.NessieCommitCallback',
 * 'commit.callback.io.dataplatform.paimon.nessie.NessieCommitCallback.param' =
 *     'uri=http://nessie:19120/api/v2;ref=main;pipeline=finance-reconciliation'
 * </pre>
 *
 * <p>Order matters and holds in Paimon 1.4.2: {@code AbstractFileStore#createCommitCallbacks} adds
 * its {@code IcebergCommitCallback} before the user callbacks of {@code commit.callbacks}, so the
 * metadata file exists when {@link #call} runs.
 *
 * <p>Failure: after {@code attempts} tries the callback throws. The Paimon snapshot is already
 * committed then; the Flink committer fails, the job restarts, Paimon finds the committable done and
 * calls {@link #retry}, which records the table's newest snapshot. So Nessie never silently misses
 * the state Trino should read, at the price of the job waiting for Nessie.
 */
public class NessieCommitCallback implements CommitCallback {
  private static final Logger LOG = LoggerFactory.getLogger(NessieCommitCallback.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String AUTHOR = "paimon-nessie-callback";

  private final CallbackSettings settings;
  private final NessieApi nessie;
  private FileStoreTable table;
  private TableKey key;

  public NessieCommitCallback(String param) {
    this.settings = CallbackSettings.parse(param);
    this.nessie = new NessieApi(settings.uri, settings.timeoutMs);
  }

  @Override
  public void setTable(FileStoreTable table) {
    this.table = table;
    this.key = keyOf(table);
  }

  @Override
  public void call(Context context) {
    record(context.snapshot);
  }

  @Override
  public void retry(ManifestCommittable committable) {
    // The snapshot of this committable exists (that is why Paimon retries); whatever came after
    // it is newer still, so the table's latest snapshot is what Nessie must point at.
    Snapshot latest = table.snapshotManager().latestSnapshot();
    if (latest != null) record(latest);
  }

  @Override
  public void close() {}

  void record(Snapshot snapshot) {
    if (table == null || key == null) {
      throw new IllegalStateException("setTable was not called before the first commit");
    }
    String branch = table.options().get("branch");
    if (branch != null && !"main".equals(branch)) {
      return; // a Paimon branch of the table: Iceberg readers only ever see the main line
    }
    IcebergPointer pointer;
    try {
      pointer = IcebergPointer.read(table.fileIO(), table.location(), snapshot.id());
    } catch (IOException e) {
      throw new RuntimeException("cannot read the Iceberg metadata of " + key + " snapshot " + snapshot.id(), e);
    }
    if (pointer == null) {
      LOG.warn("{} snapshot {}: no Iceberg metadata at {}; set 'metadata.iceberg.storage' = 'table-location'",
          key, snapshot.id(), IcebergPointer.metadataPath(table.location(), snapshot.id()));
      return;
    }
    commitWithRetries(snapshot, pointer);
  }

  private void commitWithRetries(Snapshot snapshot, IcebergPointer pointer) {
    Exception last = null;
    for (int attempt = 1; attempt <= settings.attempts; attempt++) {
      try {
        NessieApi.TableState state = nessie.state(settings.ref, key);
        if (state.table != null && pointer.metadataLocation.equals(state.table.path("metadataLocation").asText())) {
          return; // already recorded: a replayed call or a retry after a commit that did land
        }
        if (state.table != null && !"ICEBERG_TABLE".equals(state.table.path("type").asText())) {
          throw new IllegalStateException(key + " exists in Nessie as " + state.table.path("type").asText()
              + ", not as an Iceberg table");
        }
        String hash = nessie.commit(settings.ref, state.hash, commitRequest(snapshot, pointer, state));
        LOG.info("{} snapshot {} recorded in Nessie {} at {}", key, snapshot.id(), settings.ref, hash);
        return;
      } catch (NessieApi.NessieException e) {
        if (!e.isRetryable()) throw new RuntimeException(failure(snapshot), e);
        last = e;
      } catch (IOException e) {
        last = e; // connection refused, timeout: Nessie restarting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RuntimeException(failure(snapshot), e);
      }
      if (attempt < settings.attempts) pause(attempt);
    }
    throw new RuntimeException(failure(snapshot) + " after " + settings.attempts + " attempts", last);
  }

  private String failure(Snapshot snapshot) {
    return "recording " + key + " snapshot " + snapshot.id() + " in Nessie " + settings.uri + " (" + settings.ref + ") failed";
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(4000L, 100L << Math.min(attempt, 6)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  ObjectNode commitRequest(Snapshot snapshot, IcebergPointer pointer, NessieApi.TableState state) {
    ObjectNode request = JSON.createObjectNode();
    ObjectNode meta = request.putObject("commitMeta");
    meta.put("message", String.format("%s: Paimon snapshot %d (%s)", key, snapshot.id(), snapshot.commitKind()));
    meta.putArray("authors").add(settings.pipeline != null ? settings.pipeline : AUTHOR);
    meta.put("authorTime", Instant.ofEpochMilli(snapshot.timeMillis()).toString());
    ObjectNode props = meta.putObject("properties");
    props.put("paimon.table", key.tableKey());
    props.put("paimon.snapshot-id", Long.toString(snapshot.id()));
    props.put("paimon.commit-kind", String.valueOf(snapshot.commitKind()));
    props.put("paimon.commit-time", Long.toString(snapshot.timeMillis()));
    props.put("paimon.total-record-count", Long.toString(snapshot.totalRecordCount()));
    props.put("paimon.delta-record-count", Long.toString(snapshot.deltaRecordCount()));
    props.put("paimon.schema-id", Long.toString(snapshot.schemaId()));
    props.put("paimon.commit-user", String.valueOf(snapshot.commitUser()));
    props.put("iceberg.metadata-location", pointer.metadataLocation);
    if (settings.pipeline != null) props.put("pipeline", settings.pipeline);
    props.put("recorded-by", AUTHOR);

    ArrayNode ops = request.putArray("operations");
    if (!state.namespaceExists) {
      ObjectNode ns = ops.addObject().put("type", "PUT");
      ns.putObject("key").set("elements", JSON.valueToTree(key.namespace()));
      ns.putObject("content").put("type", "NAMESPACE").set("elements", JSON.valueToTree(key.namespace()));
    }
    ObjectNode put = ops.addObject().put("type", "PUT");
    put.putObject("key").set("elements", JSON.valueToTree(key.elements()));
    ObjectNode content = put.putObject("content").put("type", "ICEBERG_TABLE");
    JsonNode id = state.table == null ? null : state.table.get("id");
    if (id != null && id.isTextual()) content.put("id", id.asText()); // an update names the content it replaces
    content.put("metadataLocation", pointer.metadataLocation);
    content.put("snapshotId", pointer.snapshotId);
    content.put("schemaId", pointer.schemaId);
    content.put("specId", pointer.specId);
    content.put("sortOrderId", pointer.sortOrderId);
    return request;
  }

  static TableKey keyOf(FileStoreTable table) {
    Identifier id = table.catalogEnvironment() == null ? null : table.catalogEnvironment().identifier();
    if (id != null) return new TableKey(id.getDatabaseName(), id.getTableName());
    // A table opened by path (no catalog): <warehouse>/<database>.db/<table>
    Path location = table.location();
    String database = location.getParent().getName().replaceAll("\\.db$", "");
    return new TableKey(database, location.getName());
  }
}
