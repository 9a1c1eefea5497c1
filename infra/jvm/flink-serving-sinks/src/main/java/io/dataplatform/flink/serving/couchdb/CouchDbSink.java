package io.dataplatform.flink.serving.couchdb;

import io.dataplatform.flink.serving.BufferedChangeWriter;
import io.dataplatform.flink.serving.SinkOptions;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.table.data.RowData;

/** Sink V2: credentials are read from the TaskManager's environment when the writer opens. */
public final class CouchDbSink implements Sink<RowData> {
  private final CouchDbConfig config;

  public CouchDbSink(CouchDbConfig config) {
    this.config = config;
  }

  public CouchDbConfig config() {
    return config;
  }

  @Override
  public SinkWriter<RowData> createWriter(WriterInitContext context) {
    CouchDbHttp http = CouchDbHttp.jdk(config.url(), SinkOptions.env(config.usernameEnv(), "couchdb sink"),
        SinkOptions.env(config.passwordEnv(), "couchdb sink"), config.requestTimeout());
    return new BufferedChangeWriter<>(new CouchDbRowEncoder(config.shape()), new CouchDbStore(http, config.database()),
        config.settings(), SinkOptions.scheduler(context), Thread::sleep);
  }
}
