package io.dataplatform.flink.serving.cassandra;

import io.dataplatform.flink.serving.Identifiers;
import io.dataplatform.flink.serving.TableShape;
import io.dataplatform.flink.serving.WriterSettings;
import java.io.Serializable;
import java.time.Duration;

/** Everything a Cassandra writer needs, validated once in the factory. Credentials are env var names. */
public record CassandraConfig(
    String hosts,
    String localDatacenter,
    String keyspace,
    String table,
    String usernameEnv,
    String passwordEnv,
    Duration requestTimeout,
    TableShape shape,
    WriterSettings settings) implements Serializable {
  public CassandraConfig {
    Identifiers.hostPorts("hosts", hosts);
    if (localDatacenter == null || !localDatacenter.matches("^[A-Za-z0-9_.-]{1,64}$")) {
      throw new IllegalArgumentException("local-datacenter must match ^[A-Za-z0-9_.-]{1,64}$");
    }
    Identifiers.identifier("keyspace", keyspace);
    Identifiers.identifier("table", table);
    if ((usernameEnv == null) != (passwordEnv == null)) {
      throw new IllegalArgumentException("username-env and password-env go together");
    }
    if (usernameEnv != null) {
      Identifiers.envVar("username-env", usernameEnv);
      Identifiers.envVar("password-env", passwordEnv);
    }
  }
}
