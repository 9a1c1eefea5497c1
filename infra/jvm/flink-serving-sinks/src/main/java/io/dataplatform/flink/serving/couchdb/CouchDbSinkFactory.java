package io.dataplatform.flink.serving.couchdb;

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
 * {@code 'connector' = 'couchdb'}: one document per primary key in an existing database. The
 * credentials never appear in the SQL text: the options name environment variables of the
 * TaskManager (default COUCHDB_USER / COUCHDB_PASSWORD, which the local stack sets).
 */
public final class CouchDbSinkFactory implements DynamicTableSinkFactory {
  public static final String IDENTIFIER = "couchdb";
  public static final ConfigOption<String> URL = ConfigOptions.key("url").stringType().defaultValue("http://127.0.0.1:5984");
  public static final ConfigOption<String> DATABASE = ConfigOptions.key("database").stringType().noDefaultValue();
  public static final ConfigOption<String> USERNAME_ENV = ConfigOptions.key("username-env").stringType().defaultValue("COUCHDB_USER");
  public static final ConfigOption<String> PASSWORD_ENV = ConfigOptions.key("password-env").stringType().defaultValue("COUCHDB_PASSWORD");

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(DATABASE);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(URL, USERNAME_ENV, PASSWORD_ENV, SinkOptions.FLUSH_INTERVAL, SinkOptions.MAX_ROWS,
        SinkOptions.MAX_RETRIES, SinkOptions.RETRY_BACKOFF, SinkOptions.REQUEST_TIMEOUT);
  }

  @Override
  public DynamicTableSink createDynamicTableSink(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    helper.validate();
    ReadableConfig o = helper.getOptions();
    CouchDbConfig config = new CouchDbConfig(o.get(URL), o.get(DATABASE), o.get(USERNAME_ENV), o.get(PASSWORD_ENV),
        o.get(SinkOptions.REQUEST_TIMEOUT), TableShape.of(context.getCatalogTable().getResolvedSchema()),
        SinkOptions.settings(o));
    return new ServingTableSink("couchdb " + config.database(), new CouchDbSink(config));
  }
}
