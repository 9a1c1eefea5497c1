package io.dataplatform.flink.serving;

/**
 * The latest change of one primary key inside a flush window: an upsert carrying the encoded row,
 * or a delete (the encoded row still carries the key values). Only the last change per key is kept.
 */
public record Change<V>(String key, V value, boolean delete) {
  public static <V> Change<V> upsert(String key, V value) {
    return new Change<>(key, value, false);
  }

  public static <V> Change<V> deletion(String key, V value) {
    return new Change<>(key, value, true);
  }
}
