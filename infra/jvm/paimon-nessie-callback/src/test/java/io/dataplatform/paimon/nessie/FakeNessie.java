package io.dataplatform.paimon.nessie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An in-process stand-in for the part of Nessie's REST API v2 the callback uses, with Nessie's
 * rules as observed on Nessie 0.99: a table needs its namespace (409 "Namespace ... must exist"),
 * a new key must come without a content id, an existing key must be updated with its id (400),
 * and a commit whose expected hash is older than the last change of a key it writes is a 409.
 */
final class FakeNessie implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final List<ObjectNode> commits = new ArrayList<>();
  final Map<String, ObjectNode> contents = new HashMap<>();
  private final Map<String, Integer> changedAt = new HashMap<>();
  /** Answers 409 to this many commit requests before accepting. */
  int conflictsToAnswer;
  int requests;
  private final HttpServer server;

  FakeNessie() throws IOException {
    this(0);
  }

  /** A Nessie that comes back where an earlier one ran (same URI). */
  static FakeNessie onPort(String uri) throws IOException {
    return new FakeNessie(java.net.URI.create(uri).getPort());
  }

  private FakeNessie(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/api/v2/trees/", this::handle);
    server.start();
  }

  String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2";
  }

  private String hash() {
    return String.format("%064x", commits.size());
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    requests++;
    try {
      String path = ex.getRequestURI().getRawPath().substring("/api/v2/trees/".length());
      if ("GET".equals(ex.getRequestMethod()) && path.endsWith("/contents")) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode found = body.putArray("contents");
        for (String pair : ex.getRequestURI().getRawQuery().split("&")) {
          String key = URLDecoder.decode(pair.substring("key=".length()), StandardCharsets.UTF_8);
          if (contents.containsKey(key)) {
            ObjectNode entry = found.addObject();
            entry.putObject("key").set("elements", JSON.valueToTree(List.of(key.split("\\."))));
            entry.set("content", contents.get(key));
          }
        }
        body.putObject("effectiveReference").put("type", "BRANCH").put("name", "main").put("hash", hash());
        answer(ex, 200, body);
      } else if ("POST".equals(ex.getRequestMethod()) && path.endsWith("/history/commit")) {
        commit(ex, URLDecoder.decode(path.substring(path.indexOf('@') + 1, path.indexOf('/')), StandardCharsets.UTF_8));
      } else {
        answer(ex, 404, error(404, "NOT_FOUND", "no route " + path));
      }
    } catch (RuntimeException e) {
      answer(ex, 500, error(500, "UNKNOWN", e.toString()));
    }
  }

  private void commit(HttpExchange ex, String expectedHash) throws IOException {
    JsonNode request = JSON.readTree(ex.getRequestBody());
    if (conflictsToAnswer > 0) {
      conflictsToAnswer--;
      answer(ex, 409, error(409, "REFERENCE_CONFLICT", "Key changed meanwhile"));
      return;
    }
    int expected = Integer.parseInt(expectedHash, 16);
    Map<String, ObjectNode> staged = new HashMap<>(contents);
    for (JsonNode op : request.path("operations")) {
      List<String> elements = JSON.convertValue(op.path("key").path("elements"), List.class);
      String key = String.join(".", elements);
      ObjectNode content = (ObjectNode) op.path("content").deepCopy();
      if (changedAt.getOrDefault(key, -1) > expected) {
        answer(ex, 409, error(409, "REFERENCE_CONFLICT", "Key '" + key + "' has conflicting put"));
        return;
      }
      if (elements.size() > 1 && !staged.containsKey(elements.get(0))) {
        answer(ex, 409, error(409, "REFERENCE_CONFLICT", "Namespace '" + elements.get(0) + "' must exist."));
        return;
      }
      ObjectNode existing = staged.get(key);
      if (existing == null && content.has("id")) {
        answer(ex, 400, error(400, "BAD_REQUEST", "New value for key '" + key + "' must not have a content ID"));
        return;
      }
      if (existing != null && !existing.path("id").equals(content.path("id"))) {
        answer(ex, 400, error(400, "BAD_REQUEST", "New value to update existing key '" + key + "' has no content ID"));
        return;
      }
      if (existing == null) content.put("id", UUID.randomUUID().toString());
      staged.put(key, content);
    }
    commits.add((ObjectNode) request);
    for (String key : staged.keySet()) {
      if (staged.get(key) != contents.get(key)) changedAt.put(key, commits.size());
    }
    contents.clear();
    contents.putAll(staged);
    ObjectNode body = JSON.createObjectNode();
    body.putObject("targetBranch").put("type", "BRANCH").put("name", "main").put("hash", hash());
    answer(ex, 200, body);
  }

  private static ObjectNode error(int status, String code, String message) {
    return JSON.createObjectNode().put("status", status).put("errorCode", code).put("message", message);
  }

  private static void answer(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
