package io.dataplatform.paimon.nessie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The two Nessie REST v2 calls the callback needs: read a table's content, commit a new one. */
final class NessieApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A non-2xx answer; {@code errorCode} is Nessie's (REFERENCE_CONFLICT, CONTENT_NOT_FOUND, ...). */
  static final class NessieException extends IOException {
    final int status;
    final String errorCode;

    NessieException(int status, String errorCode, String message) {
      super("nessie answered " + status + " " + errorCode + ": " + message);
      this.status = status;
      this.errorCode = errorCode;
    }

    /** Someone else changed the same key meanwhile (or the namespace vanished): read and retry. */
    boolean isConflict() {
      return status == 409;
    }

    /** Worth another attempt: a conflict, an overloaded or restarting server. */
    boolean isRetryable() {
      return status == 409 || status == 429 || status >= 500;
    }
  }

  /** The ref's head and what it holds under a table key and its namespace. */
  static final class TableState {
    final String hash;
    final boolean namespaceExists;
    /** Null when the table is not in Nessie yet. */
    final JsonNode table;

    TableState(String hash, boolean namespaceExists, JsonNode table) {
      this.hash = hash;
      this.namespaceExists = namespaceExists;
      this.table = table;
    }
  }

  private final URI root;
  private final Duration timeout;
  private final HttpClient http;

  NessieApi(URI root, int timeoutMs) {
    this.root = root;
    this.timeout = Duration.ofMillis(timeoutMs);
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  TableState state(String ref, TableKey key) throws IOException, InterruptedException {
    String query = "key=" + enc(key.namespaceKey()) + "&key=" + enc(key.tableKey());
    JsonNode body = send(HttpRequest.newBuilder(url("/trees/" + enc(ref) + "/contents?" + query)).GET());
    boolean namespace = false;
    JsonNode table = null;
    for (JsonNode entry : body.path("contents")) {
      List<String> elements = JSON.convertValue(entry.path("key").path("elements"), List.class);
      if (key.namespace().equals(elements)) namespace = true;
      if (key.elements().equals(elements)) table = entry.path("content");
    }
    String hash = body.path("effectiveReference").path("hash").asText(null);
    if (hash == null) throw new IOException("nessie answered contents without effectiveReference.hash");
    return new TableState(hash, namespace, table);
  }

  /** Commits on {@code branch} expecting {@code hash}; returns the new head. */
  String commit(String branch, String hash, ObjectNode request) throws IOException, InterruptedException {
    JsonNode body = send(
        HttpRequest.newBuilder(url("/trees/" + enc(branch) + "@" + enc(hash) + "/history/commit"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))));
    return body.path("targetBranch").path("hash").asText(null);
  }

  private URI url(String pathAndQuery) {
    return URI.create(root + pathAndQuery);
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        request.timeout(timeout).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JsonNode body = response.body() == null || response.body().isEmpty()
        ? JSON.createObjectNode()
        : parse(response.body());
    if (response.statusCode() / 100 != 2) {
      throw new NessieException(
          response.statusCode(),
          body.path("errorCode").asText("UNKNOWN"),
          body.path("message").asText(response.body()));
    }
    return body;
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      // a proxy's HTML error page: keep the text for the message
      return JSON.createObjectNode().put("message", text.length() > 300 ? text.substring(0, 300) : text);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
