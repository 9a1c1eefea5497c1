package io.dataplatform.paimon.nessie;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a table's {@code commit.callback.<class>.param} says, as {@code key=value} pairs separated
 * by {@code ;}: {@code uri} (Nessie's REST API v2 root, required), {@code ref} (the branch commits
 * go to, default {@code main}), {@code pipeline} (the owning pipeline, recorded in each commit),
 * {@code timeout-ms} (per HTTP request, default 10000) and {@code attempts} (per snapshot, default
 * 5). The value is a table option anyone with DDL rights can set, so every part is validated
 * before it reaches a URL.
 */
public final class CallbackSettings {
  // Nessie's own reference-name rule (no "..", no trailing "." or "/").
  private static final Pattern REF =
      Pattern.compile("^[A-Za-z](((?![.][.])[A-Za-z0-9./_-])*[A-Za-z0-9_-])?$");
  // A Backstage entity name, as pipeline names are.
  private static final Pattern PIPELINE = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$");

  public final URI uri;
  public final String ref;
  public final String pipeline;
  public final int timeoutMs;
  public final int attempts;

  private CallbackSettings(URI uri, String ref, String pipeline, int timeoutMs, int attempts) {
    this.uri = uri;
    this.ref = ref;
    this.pipeline = pipeline;
    this.timeoutMs = timeoutMs;
    this.attempts = attempts;
  }

  public static CallbackSettings parse(String param) {
    if (param == null || param.isBlank()) {
      throw new IllegalArgumentException(
          "paimon-nessie-callback needs a param: uri=<nessie api v2 url>[;ref=main][;pipeline=<name>]");
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String part : param.split(";")) {
      if (part.isBlank()) continue;
      int eq = part.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("not key=value: '" + part.trim() + "'");
      String key = part.substring(0, eq).trim();
      if (pairs.put(key, part.substring(eq + 1).trim()) != null) {
        throw new IllegalArgumentException("'" + key + "' given twice");
      }
    }
    URI uri = nessieUri(pairs.remove("uri"));
    String ref = pairs.getOrDefault("ref", "main");
    pairs.remove("ref");
    if (!REF.matcher(ref).matches()) {
      throw new IllegalArgumentException("ref '" + ref + "' is not a Nessie reference name");
    }
    String pipeline = pairs.remove("pipeline");
    if (pipeline != null && !PIPELINE.matcher(pipeline).matches()) {
      throw new IllegalArgumentException("pipeline '" + pipeline + "' is not a pipeline name");
    }
    int timeoutMs = bounded(pairs.remove("timeout-ms"), "timeout-ms", 10_000, 100, 120_000);
    int attempts = bounded(pairs.remove("attempts"), "attempts", 5, 1, 50);
    if (!pairs.isEmpty()) {
      throw new IllegalArgumentException("unknown setting(s) " + pairs.keySet());
    }
    return new CallbackSettings(uri, ref, pipeline, timeoutMs, attempts);
  }

  private static URI nessieUri(String value) {
    if (value == null || value.isEmpty()) throw new IllegalArgumentException("uri is required");
    URI uri;
    try {
      uri = URI.create(value.replaceAll("/+$", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("uri '" + value + "' is not a URI", e);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getUserInfo() != null
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          "uri '" + value + "' must be http(s)://host[:port]/path without credentials or query");
    }
    // Paimon's own option of the Iceberg REST catalog names the API root; accept the server
    // root too and add the v2 API path, which is the one this callback speaks.
    return uri.getPath().endsWith("/api/v2") ? uri : URI.create(uri + "/api/v2");
  }

  private static int bounded(String value, String name, int fallback, int min, int max) {
    if (value == null) return fallback;
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a whole number in " + min + ".." + max);
  }
}
