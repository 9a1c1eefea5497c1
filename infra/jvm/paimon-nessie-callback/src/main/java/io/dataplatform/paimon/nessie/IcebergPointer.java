package io.dataplatform.paimon.nessie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.paimon.fs.FileIO;
import org.apache.paimon.fs.Path;

/**
 * The Iceberg metadata file Paimon wrote for one snapshot ({@code <table>/metadata/v<id>.metadata.json}
 * with {@code metadata.iceberg.storage = table-location}) and the ids Nessie's Iceberg table content
 * carries. Iceberg readers of a Nessie catalog take the current snapshot, schema, spec and sort
 * order from the content, so they are read from the file rather than assumed.
 */
public final class IcebergPointer {
  private static final ObjectMapper JSON = new ObjectMapper();

  public final String metadataLocation;
  public final long snapshotId;
  public final int schemaId;
  public final int specId;
  public final int sortOrderId;

  IcebergPointer(String metadataLocation, long snapshotId, int schemaId, int specId, int sortOrderId) {
    this.metadataLocation = metadataLocation;
    this.snapshotId = snapshotId;
    this.schemaId = schemaId;
    this.specId = specId;
    this.sortOrderId = sortOrderId;
  }

  /** Paimon names the file after its own snapshot id (Iceberg snapshot id = Paimon snapshot id). */
  public static Path metadataPath(Path tableLocation, long snapshotId) {
    return new Path(tableLocation, "metadata/v" + snapshotId + ".metadata.json");
  }

  /** Null when Paimon wrote no Iceberg metadata for this snapshot (Iceberg storage disabled). */
  public static IcebergPointer read(FileIO fileIO, Path tableLocation, long snapshotId)
      throws IOException {
    Path path = metadataPath(tableLocation, snapshotId);
    if (!fileIO.exists(path)) return null;
    return parse(path.toString(), fileIO.readFileUtf8(path));
  }

  static IcebergPointer parse(String location, String json) throws IOException {
    JsonNode m = JSON.readTree(json);
    return new IcebergPointer(
        location,
        required(m, "current-snapshot-id").asLong(),
        required(m, "current-schema-id").asInt(),
        m.path("default-spec-id").asInt(0),
        m.path("default-sort-order-id").asInt(0));
  }

  private static JsonNode required(JsonNode m, String field) throws IOException {
    JsonNode v = m.get(field);
    if (v == null || !v.canConvertToLong()) {
      throw new IOException("Iceberg metadata without a numeric '" + field + "'");
    }
    return v;
  }
}
