package io.dataplatform.flink.serving.couchdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplatform.flink.serving.Change;
import io.dataplatform.flink.serving.TableShape;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.junit.jupiter.api.Test;

/** Revision handling of the CouchDB store against a scripted HTTP fake (requests recorded). */
class CouchDbStoreTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final class ScriptedHttp implements CouchDbHttp {
    final List<String[]> requests = new ArrayList<>();
    final Deque<Response> answers = new ArrayDeque<>();

    ScriptedHttp answer(int status, String body) {
      answers.add(new Response(status, body));
      return this;
    }

    @Override
    public Response post(String path, String json) {
      requests.add(new String[] {path, json});
      return answers.removeFirst();
    }
  }

  static ObjectNode doc(String json) throws IOException {
    return (ObjectNode) JSON.readTree(json);
  }

  static JsonNode body(ScriptedHttp http, int i) throws IOException {
    return JSON.readTree(http.requests.get(i)[1]);
  }

  @Test
  void upsertsWithTheCurrentRevisionAndCreatesMissingDocs() throws Exception {
    ScriptedHttp http = new ScriptedHttp()
        .answer(200, "{\"rows\":[{\"id\":\"1\",\"key\":\"1\",\"value\":{\"rev\":\"3-abc\"},\"doc\":{\"_id\":\"1\",\"_rev\":\"3-abc\",\"open_tickets\":1}},"
            + "{\"key\":\"2\",\"error\":\"not_found\"}]}")
        .answer(201, "[{\"ok\":true,\"id\":\"1\",\"rev\":\"4-x\"},{\"ok\":true,\"id\":\"2\",\"rev\":\"1-y\"}]");
    CouchDbStore store = new CouchDbStore(http, "customer_case", () -> java.time.Instant.parse("2026-12-03T10:00:00Z"));
    List<Change<ObjectNode>> left = store.apply(List.of(
        Change.upsert("1", doc("{\"customer_id\":1,\"open_tickets\":2}")),
        Change.upsert("2", doc("{\"customer_id\":2,\"open_tickets\":0}"))));
    assertTrue(left.isEmpty());
    assertEquals("/customer_case/_all_docs?include_docs=true", http.requests.get(0)[0]);
    assertEquals("[\"1\",\"2\"]", body(http, 0).get("keys").toString());
    assertEquals("/customer_case/_bulk_docs", http.requests.get(1)[0]);
    JsonNode docs = body(http, 1).get("docs");
    assertEquals("{\"_id\":\"1\",\"_rev\":\"3-abc\",\"customer_id\":1,\"open_tickets\":2,\"written_at\":\"2026-12-03T10:00:00Z\"}", docs.get(0).toString());
    assertEquals("{\"_id\":\"2\",\"customer_id\":2,\"open_tickets\":0,\"written_at\":\"2026-12-03T10:00:00Z\"}", docs.get(1).toString());
  }

  @Test
  void deletesByRevisionAndSkipsWhatIsAlreadyThere() throws Exception {
    ScriptedHttp http = new ScriptedHttp()
        .answer(200, "{\"rows\":[{\"id\":\"1\",\"key\":\"1\",\"value\":{\"rev\":\"2-a\"},\"doc\":{\"_id\":\"1\",\"_rev\":\"2-a\",\"n\":1}},"
            + "{\"id\":\"2\",\"key\":\"2\",\"value\":{\"rev\":\"5-b\",\"deleted\":true},\"doc\":null},"
            + "{\"id\":\"3\",\"key\":\"3\",\"value\":{\"rev\":\"1-c\"},\"doc\":{\"_id\":\"3\",\"_rev\":\"1-c\",\"n\":3}}]}")
        .answer(201, "[{\"ok\":true,\"id\":\"1\",\"rev\":\"3-z\"}]");
    CouchDbStore store = new CouchDbStore(http, "cases");
    List<Change<ObjectNode>> left = store.apply(List.of(
        Change.deletion("1", doc("{\"n\":1}")),
        Change.deletion("2", doc("{\"n\":2}")), // already a tombstone: nothing to do
        Change.upsert("3", doc("{\"n\":3}")))); // same body: no new revision
    assertTrue(left.isEmpty());
    JsonNode docs = body(http, 1).get("docs");
    assertEquals(1, docs.size());
    assertEquals("{\"_id\":\"1\",\"_rev\":\"2-a\",\"_deleted\":true}", docs.get(0).toString());
  }

  @Test
  void theWriteTimeDoesNotMakeAReplayWriteAgain() throws Exception {
    ScriptedHttp http = new ScriptedHttp()
        .answer(200, "{\"rows\":[{\"id\":\"3\",\"key\":\"3\",\"value\":{\"rev\":\"1-c\"},"
            + "\"doc\":{\"_id\":\"3\",\"_rev\":\"1-c\",\"n\":3,\"written_at\":\"2026-12-01T00:00:00Z\"}}]}");
    assertTrue(new CouchDbStore(http, "cases").apply(List.of(Change.upsert("3", doc("{\"n\":3}")))).isEmpty());
    assertEquals(1, http.requests.size());
  }

  @Test
  void noBulkRequestWhenNothingChanges() throws Exception {
    ScriptedHttp http = new ScriptedHttp().answer(200, "{\"rows\":[{\"key\":\"9\",\"error\":\"not_found\"}]}");
    assertTrue(new CouchDbStore(http, "cases").apply(List.of(Change.deletion("9", doc("{}")))).isEmpty());
    assertEquals(1, http.requests.size());
  }

  @Test
  void conflictsAreHandedBackOtherErrorsFail() throws Exception {
    ScriptedHttp http = new ScriptedHttp()
        .answer(200, "{\"rows\":[{\"key\":\"1\",\"error\":\"not_found\"},{\"key\":\"2\",\"error\":\"not_found\"}]}")
        .answer(201, "[{\"id\":\"1\",\"error\":\"conflict\",\"reason\":\"Document update conflict.\"},{\"ok\":true,\"id\":\"2\",\"rev\":\"1-q\"}]");
    List<Change<ObjectNode>> left = new CouchDbStore(http, "cases").apply(List.of(
        Change.upsert("1", doc("{\"n\":1}")), Change.upsert("2", doc("{\"n\":2}"))));
    assertEquals(List.of("1"), left.stream().map(Change::key).toList());

    ScriptedHttp forbidden = new ScriptedHttp()
        .answer(200, "{\"rows\":[{\"key\":\"1\",\"error\":\"not_found\"}]}")
        .answer(201, "[{\"id\":\"1\",\"error\":\"forbidden\",\"reason\":\"nope\"}]");
    IOException e = assertThrows(IOException.class,
        () -> new CouchDbStore(forbidden, "cases").apply(List.of(Change.upsert("1", doc("{\"n\":1}")))));
    assertTrue(e.getMessage().contains("forbidden"));
  }

  @Test
  void httpErrorsNameTheRequest() {
    ScriptedHttp http = new ScriptedHttp().answer(401, "{\"error\":\"unauthorized\"}");
    IOException e = assertThrows(IOException.class,
        () -> new CouchDbStore(http, "cases").apply(List.of(Change.upsert("1", doc("{\"n\":1}")))));
    assertTrue(e.getMessage().contains("_all_docs answered HTTP 401"), e.getMessage());
  }

  @Test
  void rowsBecomeDocumentsKeyedByTheirPrimaryKey() {
    TableShape shape = new TableShape(List.of("customer_id", "region", "captured_amount"),
        List.of(DataTypes.INT().notNull().getLogicalType(), DataTypes.STRING().getLogicalType(), DataTypes.DECIMAL(14, 2).getLogicalType()),
        new int[] {0, 1});
    CouchDbRowEncoder encoder = new CouchDbRowEncoder(shape);
    GenericRowData row = GenericRowData.of(7, StringData.fromString("eu"), DecimalData.fromBigDecimal(new java.math.BigDecimal("10.50"), 14, 2));
    assertEquals("7:eu", encoder.key(row));
    assertEquals("{\"customer_id\":7,\"region\":\"eu\",\"captured_amount\":\"10.50\"}", encoder.encode(row).toString());
  }
}
