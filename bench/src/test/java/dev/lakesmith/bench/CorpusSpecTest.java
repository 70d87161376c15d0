package dev.lakesmith.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CorpusSpecTest {
  @Test
  void defaultsMatchTheReferenceCorpus() {
    CorpusSpec s = CorpusSpec.defaults(100_000, 42);
    assertEquals("America/New_York", s.zone().getId());
    assertEquals(0.05, s.dupRate());
    assertEquals(0.001, s.badRate());
    assertEquals(0, s.corruptFiles());
    assertEquals(Instant.parse("2023-06-12T04:00:00Z"), s.windowStart());
    assertEquals(Instant.parse("2023-06-19T04:00:00Z"), s.windowEnd());
  }

  @Test
  void invalidValuesAreNamedWithTheFix() {
    CorpusSpec s = CorpusSpec.defaults(10, 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CorpusSpec.defaults(0, 1));
    assertTrue(e.getMessage().contains("sessions=0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.withRates(0.05, -0.1, 0.01));
    assertTrue(e.getMessage().contains("bad-rate=-0.1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.withFlush(300, 60, 1 << 20));
    assertTrue(e.getMessage().contains("300..60"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.withStream("bad/name"));
    assertTrue(e.getMessage().contains("'bad/name'"), e.getMessage());
  }
}
