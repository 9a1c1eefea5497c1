package io.dataplatform.flink.serving.couchdb;

import io.dataplatform.flink.serving.Identifiers;
import io.dataplatform.flink.serving.TableShape;
import io.dataplatform.flink.serving.WriterSettings;
import java.io.Serializable;
import java.time.Duration;

/** Everything a CouchDB writer needs, validated once in the factory. Credentials are env var names. */
public record CouchDbConfig(
    String url,
    String database,
    String usernameEnv,
    String passwordEnv,
    Duration requestTimeout,
    TableShape shape,
    WriterSettings settings) implements Serializable {
  public CouchDbConfig {
    url = Identifiers.baseUrl("url", url);
    Identifiers.identifier("database", database);
    Identifiers.envVar("username-env", usernameEnv);
    Identifiers.envVar("password-env", passwordEnv);
  }
}
