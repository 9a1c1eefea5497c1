package io.dataplatform.flink.serving.cassandra;

import io.dataplatform.flink.serving.ServingTableSink;
import io.dataplatform.flink.serving.SinkOptions;
import io.dataplatform.flink.serving.TableShape;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * {@code 'connector' = 'cassandra'}: upserts rows into an existing table by its primary key.
 * <pre>
 * CREATE TEMPORARY TABLE projection (sku STRING, on_hand INT, PRIMARY KEY (sku) NOT ENFORCED)
 * WITH ('connector' = 'cassandra', 'keyspace' = 'inventory', 'table' = 'inventory_projection');
 * </pre>
 */
public final class CassandraSinkFactory implements DynamicTableSinkFactory {
  public static final String IDENTIFIER = "cassandra";
  public static final ConfigOption<String> HOSTS = ConfigOptions.key("hosts").stringType().defaultValue("127.0.0.1:9042")
      .withDescription("Contact points, host:port[,host:port...].");
  public static final ConfigOption<String> LOCAL_DATACENTER = ConfigOptions.key("local-datacenter").stringType()
      .defaultValue("datacenter1");
  public static final ConfigOption<String> KEYSPACE = ConfigOptions.key("keyspace").stringType().noDefaultValue();
  public static final ConfigOption<String> TABLE = ConfigOptions.key("table").stringType().noDefaultValue();
  public static final ConfigOption<String> USERNAME_ENV = ConfigOptions.key("username-env").stringType().noDefaultValue()
      .withDescription("Name of the TaskManager environment variable holding the user (no auth when unset).");
  public static final ConfigOption<String> PASSWORD_ENV = ConfigOptions.key("password-env").stringType().noDefaultValue();

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(KEYSPACE, TABLE);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(HOSTS, LOCAL_DATACENTER, USERNAME_ENV, PASSWORD_ENV, SinkOptions.FLUSH_INTERVAL, SinkOptions.MAX_ROWS,
        SinkOptions.MAX_RETRIES, SinkOptions.RETRY_BACKOFF, SinkOptions.REQUEST_TIMEOUT);
  }

  @Override
  public DynamicTableSink createDynamicTableSink(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    helper.validate();
    ReadableConfig o = helper.getOptions();
    CassandraConfig config = new CassandraConfig(
        o.get(HOSTS), o.get(LOCAL_DATACENTER), o.get(KEYSPACE), o.get(TABLE),
        o.getOptional(USERNAME_ENV).orElse(null), o.getOptional(PASSWORD_ENV).orElse(null),
        o.get(SinkOptions.REQUEST_TIMEOUT), TableShape.of(context.getCatalogTable().getResolvedSchema()),
        SinkOptions.settings(o));
    return new ServingTableSink("cassandra " + config.keyspace() + "." + config.table(), new CassandraSink(config));
  }
}
