package io.dataplatform.paimon.nessie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CallbackSettingsTest {
  @Test
  void readsEverySettingAndDefaults() {
    CallbackSettings s = CallbackSettings.parse("uri=http://nessie:19120/api/v2; ref=main ;pipeline=finance-reconciliation");
    assertEquals("http://nessie:19120/api/v2", s.uri.toString());
    assertEquals("main", s.ref);
    assertEquals("finance-reconciliation", s.pipeline);
    assertEquals(10_000, s.timeoutMs);
    assertEquals(5, s.attempts);
    CallbackSettings root = CallbackSettings.parse("uri=http://127.0.0.1:19120/");
    assertEquals("http://127.0.0.1:19120/api/v2", root.uri.toString());
    assertEquals("main", root.ref);
    assertNull(root.pipeline);
    assertEquals("finance/daily", CallbackSettings.parse("uri=http://n:1;ref=finance/daily").ref);
  }

  @Test
  void refusesWhatCouldReachAUrlUnchecked() {
    for (String bad : new String[] {
        "", "ref=main", "uri=ftp://nessie/api/v2", "uri=http://user:pw@nessie/api/v2",
        "uri=http://nessie/api/v2?x=1", "uri=http://nessie;ref=../main", "uri=http://nessie;ref=a..b",
        "uri=http://nessie;ref=main/", "uri=http://nessie;pipeline=-finance", "uri=http://nessie;colour=red",
        "uri=http://nessie;attempts=0", "uri=http://nessie;timeout-ms=x", "uri=http://nessie;uri=http://other",
        "uri=http://nessie;noequals"}) {
      assertThrows(IllegalArgumentException.class, () -> CallbackSettings.parse(bad), bad);
    }
  }

  @Test
  void keysAreTwoPlainIdentifiers() {
    assertEquals("commerce.orders", new TableKey("commerce", "orders").tableKey());
    assertThrows(IllegalArgumentException.class, () -> new TableKey("com.merce", "orders"));
    assertThrows(IllegalArgumentException.class, () -> new TableKey("commerce", "orders$snapshots"));
  }
}
