package io.dataplatform.paimon.nessie;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A Paimon table's key in Nessie: {@code [database, table]}, the same names Trino's Iceberg catalog
 * shows ({@code lakehouse.commerce.orders}). Only plain identifiers are accepted: Nessie's string
 * form of a key joins elements with "." and would need escaping otherwise.
 */
final class TableKey {
  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_]{1,128}$");

  private final String database;
  private final String table;

  TableKey(String database, String table) {
    if (!NAME.matcher(database).matches() || !NAME.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "table " + database + "." + table + " is not <identifier>.<identifier>; not recorded in Nessie");
    }
    this.database = database;
    this.table = table;
  }

  List<String> namespace() {
    return List.of(database);
  }

  List<String> elements() {
    return List.of(database, table);
  }

  String namespaceKey() {
    return database;
  }

  String tableKey() {
    return database + "." + table;
  }

  @Override
  public String toString() {
    return tableKey();
  }
}
