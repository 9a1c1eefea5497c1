package io.dataplatform.flink.serving.cassandra;

import io.dataplatform.flink.serving.BufferedChangeWriter;
import io.dataplatform.flink.serving.SinkOptions;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.table.data.RowData;

/** Sink V2: one session per writer (per subtask), opened on the TaskManager. */
public final class CassandraSink implements Sink<RowData> {
  private final CassandraConfig config;

  public CassandraSink(CassandraConfig config) {
    this.config = config;
  }

  public CassandraConfig config() {
    return config;
  }

  @Override
  public SinkWriter<RowData> createWriter(WriterInitContext context) {
    return new BufferedChangeWriter<>(
        new CassandraRowEncoder(config.shape()), CassandraStore.open(config), config.settings(),
        SinkOptions.scheduler(context), Thread::sleep);
  }
}
