package io.dataplatform.flink.serving.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.dataplatform.flink.serving.Change;
import io.dataplatform.flink.serving.ChangeStore;
import io.dataplatform.flink.serving.SinkOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Upserts (prepared INSERT of every column) and deletes (prepared DELETE by primary key) through the
 * DataStax driver, at most {@value #IN_FLIGHT} statements in flight. Statements are marked idempotent
 * so the driver may retry them itself; a statement that still fails is handed back for a retry.
 */
public final class CassandraStore implements ChangeStore<Object[]> {
  static final int IN_FLIGHT = 64;
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement delete;
  private final int[] keyIndexes;

  private CassandraStore(CqlSession session, CassandraConfig config) {
    this.session = session;
    this.insert = session.prepare(CqlStatements.insert(config.keyspace(), config.table(), config.shape()));
    this.delete = session.prepare(CqlStatements.delete(config.keyspace(), config.table(), config.shape()));
    this.keyIndexes = config.shape().keyIndexes();
  }

  public static CassandraStore open(CassandraConfig config) {
    ClassLoader loader = CassandraStore.class.getClassLoader();
    DriverConfigLoader driverConfig = DriverConfigLoader.programmaticBuilder(loader)
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, config.requestTimeout())
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, config.requestTimeout())
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, config.requestTimeout())
        .withString(DefaultDriverOption.SESSION_NAME, "flink-serving-sink")
        .build();
    CqlSessionBuilder builder = CqlSession.builder()
        .withClassLoader(loader)
        .withConfigLoader(driverConfig)
        .withLocalDatacenter(config.localDatacenter());
    for (String hostPort : config.hosts().split(",")) {
      int colon = hostPort.lastIndexOf(':');
      builder.addContactPoint(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
    }
    if (config.usernameEnv() != null) {
      builder.withAuthCredentials(
          SinkOptions.env(config.usernameEnv(), "cassandra sink"), SinkOptions.env(config.passwordEnv(), "cassandra sink"));
    }
    return new CassandraStore(builder.build(), config);
  }

  BoundStatement statementFor(Change<Object[]> change) {
    if (!change.delete()) return insert.bind(change.value()).setIdempotent(true);
    Object[] key = new Object[keyIndexes.length];
    for (int i = 0; i < keyIndexes.length; i++) key[i] = change.value()[keyIndexes[i]];
    return delete.bind(key).setIdempotent(true);
  }

  @Override
  public List<Change<Object[]>> apply(List<Change<Object[]>> changes) throws IOException {
    List<Change<Object[]>> failed = new ArrayList<>();
    Throwable firstError = null;
    for (int from = 0; from < changes.size(); from += IN_FLIGHT) {
      List<Change<Object[]>> chunk = changes.subList(from, Math.min(changes.size(), from + IN_FLIGHT));
      List<CompletableFuture<?>> futures = new ArrayList<>();
      for (Change<Object[]> c : chunk) futures.add(session.executeAsync(statementFor(c)).toCompletableFuture());
      for (int i = 0; i < chunk.size(); i++) {
        try {
          futures.get(i).get();
        } catch (ExecutionException e) {
          failed.add(chunk.get(i));
          if (firstError == null) firstError = e.getCause();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("cassandra sink interrupted", e);
        }
      }
    }
    if (!changes.isEmpty() && failed.size() == changes.size()) {
      throw new IOException("cassandra: no statement succeeded: " + firstError, firstError);
    }
    return failed;
  }

  @Override
  public void close() {
    session.close();
  }
}
