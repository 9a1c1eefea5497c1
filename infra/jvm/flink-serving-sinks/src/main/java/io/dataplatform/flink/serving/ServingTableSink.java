package io.dataplatform.flink.serving;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.data.RowData;

/**
 * An upsert table sink: the planner sends inserts, updates (after image) and deletes keyed by the
 * table's primary key, which the store's writer applies by key.
 */
public final class ServingTableSink implements DynamicTableSink {
  private final String summary;
  private final Sink<RowData> sink;

  public ServingTableSink(String summary, Sink<RowData> sink) {
    this.summary = summary;
    this.sink = sink;
  }

  @Override
  public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
    return ChangelogMode.upsert();
  }

  @Override
  public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
    return SinkV2Provider.of(sink);
  }

  public Sink<RowData> sink() {
    return sink;
  }

  @Override
  public DynamicTableSink copy() {
    return new ServingTableSink(summary, sink);
  }

  @Override
  public String asSummaryString() {
    return summary;
  }
}
