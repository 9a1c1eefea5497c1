package io.dataplatform.flink.serving.couchdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplatform.flink.serving.Change;
import io.dataplatform.flink.serving.ChangeStore;
import io.dataplatform.flink.serving.Identifiers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One flush = two requests: {@code POST /{db}/_all_docs?include_docs=true} with the keys (current
 * revisions and bodies), then {@code POST /{db}/_bulk_docs} with every document that changes — an
 * upsert carries the current {@code _rev}, a delete is {@code _deleted: true}. A document whose body
 * is already what the row says is skipped (a replay after a restore writes no new revisions), a
 * delete of an absent document is done already, and a revision conflict (someone wrote in between)
 * is handed back to the writer, which retries it with a fresh revision.
 */
public final class CouchDbStore implements ChangeStore<ObjectNode> {
  /**
   * When the sink wrote the document (ISO-8601 instant): what the serving card's "last write" and
   * write latency read. Ignored when comparing bodies, so a replay still writes nothing new; a
   * column of that name, if the table has one, wins.
   */
  public static final String WRITTEN_AT = "written_at";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final CouchDbHttp http;
  private final String database;

  private final java.util.function.Supplier<java.time.Instant> clock;

  public CouchDbStore(CouchDbHttp http, String database) {
    this(http, database, java.time.Instant::now);
  }

  CouchDbStore(CouchDbHttp http, String database, java.util.function.Supplier<java.time.Instant> clock) {
    this.http = http;
    this.database = Identifiers.identifier("database", database);
    this.clock = clock;
  }

  private record Current(String rev, JsonNode doc) {}

  @Override
  public List<Change<ObjectNode>> apply(List<Change<ObjectNode>> changes) throws IOException {
    Map<String, Current> current = currentRevisions(changes);
    ArrayNode docs = JSON.createArrayNode();
    List<Change<ObjectNode>> sent = new ArrayList<>();
    for (Change<ObjectNode> c : changes) {
      Current existing = current.get(c.key());
      ObjectNode doc = JSON.createObjectNode().put("_id", c.key());
      if (c.delete()) {
        if (existing == null) continue;
        doc.put("_rev", existing.rev()).put("_deleted", true);
      } else {
        if (existing != null && sameBody(existing.doc(), c.value())) continue;
        if (existing != null) doc.put("_rev", existing.rev());
        doc.setAll(c.value());
        if (!c.value().has(WRITTEN_AT)) doc.put(WRITTEN_AT, clock.get().toString());
      }
      docs.add(doc);
      sent.add(c);
    }
    if (sent.isEmpty()) return List.of();
    CouchDbHttp.Response r = http.post("/" + database + "/_bulk_docs", JSON.writeValueAsString(JSON.createObjectNode().set("docs", docs)));
    if (r.status() != 201 && r.status() != 202) throw failure("_bulk_docs", r);
    JsonNode results = JSON.readTree(r.body());
    List<Change<ObjectNode>> retry = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      JsonNode result = results.get(i);
      if (result == null || !result.has("error")) continue;
      String error = result.path("error").asText();
      if (!"conflict".equals(error)) {
        throw new IOException("couchdb: document " + sent.get(i).key() + " rejected: " + error + " " + result.path("reason").asText());
      }
      retry.add(sent.get(i));
    }
    return retry;
  }

  private Map<String, Current> currentRevisions(List<Change<ObjectNode>> changes) throws IOException {
    ArrayNode keys = JSON.createArrayNode();
    for (Change<ObjectNode> c : changes) keys.add(c.key());
    CouchDbHttp.Response r = http.post("/" + database + "/_all_docs?include_docs=true",
        JSON.writeValueAsString(JSON.createObjectNode().set("keys", keys)));
    if (r.status() != 200) throw failure("_all_docs", r);
    Map<String, Current> out = new HashMap<>();
    for (JsonNode row : JSON.readTree(r.body()).path("rows")) {
      JsonNode value = row.path("value");
      if (row.has("error") || value.path("deleted").asBoolean(false)) continue; // absent or a tombstone
      out.put(row.path("id").asText(), new Current(value.path("rev").asText(), row.path("doc")));
    }
    return out;
  }

  /** Same fields and values, ignoring the server's _id/_rev. */
  static boolean sameBody(JsonNode stored, ObjectNode wanted) {
    if (stored == null || !stored.isObject()) return false;
    int storedFields = 0;
    for (Iterator<String> it = stored.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (f.startsWith("_") || (f.equals(WRITTEN_AT) && !wanted.has(WRITTEN_AT))) continue;
      storedFields++;
      if (!stored.get(f).equals(wanted.get(f))) return false;
    }
    return storedFields == wanted.size();
  }

  private static IOException failure(String what, CouchDbHttp.Response r) {
    String body = r.body() == null ? "" : r.body();
    return new IOException("couchdb: " + what + " answered HTTP " + r.status() + ": " + body.substring(0, Math.min(200, body.length())));
  }

  @Override
  public void close() {
    http.close();
  }
}
