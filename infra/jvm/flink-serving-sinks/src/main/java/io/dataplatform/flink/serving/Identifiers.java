package io.dataplatform.flink.serving;

import java.util.regex.Pattern;

/**
 * Names that reach CQL text or a CouchDB URL. The pipeline spec only produces its sqlIdentifier
 * form (lowercase, digits, underscore), so anything else is refused here too: a sink never quotes or
 * escapes a name, it only accepts names that need neither.
 */
public final class Identifiers {
  private static final Pattern SQL_IDENTIFIER = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
  private static final Pattern ENV_VAR = Pattern.compile("^[A-Z_][A-Z0-9_]{0,63}$");
  private static final Pattern HOST_PORT = Pattern.compile("^[A-Za-z0-9.-]{1,253}:[0-9]{1,5}$");
  private static final Pattern HTTP_URL = Pattern.compile("^https?://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?/?$");

  private Identifiers() {}

  /** The spec's sqlIdentifier rule: ^[a-z_][a-z0-9_]{0,62}$ (keyspace, table, column, database). */
  public static String identifier(String what, String value) {
    if (value == null || !SQL_IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must match ^[a-z_][a-z0-9_]{0,62}$ (lowercase ASCII letters, digits, _), got " + describe(value));
    }
    return value;
  }

  /** Name of an environment variable holding a credential (never the credential itself). */
  public static String envVar(String what, String value) {
    if (value == null || !ENV_VAR.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must name an environment variable (^[A-Z_][A-Z0-9_]{0,63}$), got " + describe(value));
    }
    return value;
  }

  /** host:port[,host:port...] of Cassandra contact points. */
  public static String hostPorts(String what, String value) {
    if (value == null || value.isEmpty()) throw new IllegalArgumentException(what + " must not be empty");
    for (String part : value.split(",", -1)) {
      if (!HOST_PORT.matcher(part).matches() || Integer.parseInt(part.substring(part.lastIndexOf(':') + 1)) > 65535) {
        throw new IllegalArgumentException(what + " must be host:port[,host:port...], got " + describe(value));
      }
    }
    return value;
  }

  /** Base URL of a CouchDB server: scheme, host and port only (no path, query or user info). */
  public static String baseUrl(String what, String value) {
    if (value == null || !HTTP_URL.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be http(s)://host[:port] without path or credentials, got " + describe(value));
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  // Never echo a hostile value raw (control characters, huge strings) into logs and errors.
  private static String describe(String value) {
    if (value == null) return "nothing";
    String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    return "\"" + shown.replaceAll("[\\p{Cntrl}]", "?") + "\"";
  }
}
