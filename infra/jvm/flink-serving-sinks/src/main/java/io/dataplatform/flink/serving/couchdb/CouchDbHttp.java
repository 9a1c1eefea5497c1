package io.dataplatform.flink.serving.couchdb;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The sink's only use of HTTP: a JSON POST to a path under the server's base URL. */
public interface CouchDbHttp extends AutoCloseable {
  record Response(int status, String body) {}

  Response post(String path, String json) throws IOException;

  @Override
  default void close() {}

  /** java.net.http with basic auth (the admin from the TaskManager's environment) and timeouts. */
  static CouchDbHttp jdk(String baseUrl, String user, String password, Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return (path, json) -> {
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
          .timeout(timeout)
          .header("Content-Type", "application/json")
          .header("Authorization", auth)
          .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
          .build();
      try {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(r.statusCode(), r.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("couchdb request interrupted", e);
      }
    };
  }
}
