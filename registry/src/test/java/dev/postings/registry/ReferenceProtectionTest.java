package dev.postings.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postings.encryption.EncryptionSettings;
import dev.postings.model.Provider;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReferenceProtectionTest {

  private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");
  private static final String REFERENCE = "INV-2026-000417";
  private PostingRegistry registry;

  @BeforeEach
  void emptyRegistry() {
    registry = TestRegistry.empty();
  }

  private NewPosting posting(String id) {
    return new NewPosting(id, "billing", "fp", Provider.STOREDGE, null, 4_200, "USD", REFERENCE,
        LocalDate.of(2026, 12, 4), T0);
  }

  private static List<String> query(String sql) {
    List<String> values = new ArrayList<>();
    try (Connection connection = TestRegistry.database().dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  @Test
  void theReferenceIsNowhereInTheRowInClear() {
    registry.register(posting("p-1"));

    String row = String.join("", query("SELECT p::text FROM postings p"));
    assertThat(row).contains("p-1").doesNotContain(REFERENCE)
        // nor as the hex bytea text would show it
        .doesNotContainIgnoringCase(HexFormat.of().formatHex(REFERENCE.getBytes(StandardCharsets.UTF_8)));
    assertThat(registry.find("p-1").orElseThrow().reference()).isEqualTo(REFERENCE);
    assertThat(registry.find("p-1").orElseThrow().toString()).doesNotContain(REFERENCE);
  }

  @Test
  void noTableHasACardOrSecretColumnInClear() {
    List<String> columns = query("SELECT table_name || '.' || column_name FROM information_schema.columns"
        + " WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'");
    assertThat(columns).isNotEmpty().allSatisfy(column -> assertThat(column)
        .doesNotContainPattern("(?i)card|pan\\b|cvv|cvc|expir|secret|password|token")
        .satisfiesAnyOf(
            name -> assertThat(name).doesNotContainPattern("(?i)credential"),
            name -> assertThat(name).endsWith("_sealed")));
  }

  @Test
  void aSealCopiedOntoAnotherRowDoesNotOpen() {
    registry.register(posting("p-1"));
    registry.register(new NewPosting("p-2", "billing", "fp", Provider.STOREDGE, null, 4_200, "USD", "OTHER",
        LocalDate.of(2026, 12, 4), T0));
    TestRegistry.execute("UPDATE postings SET reference_sealed = (SELECT reference_sealed FROM postings"
        + " WHERE posting_id = 'p-1') WHERE posting_id = 'p-2'");

    assertThatThrownBy(() -> registry.find("p-2")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("failed authentication").hasMessageNotContaining(REFERENCE);
  }

  @Test
  void referencesSealedBeforeAKeyRotationStillOpenAndSearchAlike() {
    PostingRegistry beforeRotation = new PostingRegistry(TestRegistry.database().dataSource(),
        new RegistrySettings(RegistrySettings.LOCAL_DEVELOPMENT_HASH_KEY,
            new EncryptionSettings("k1", Map.of("k1", TestRegistry.OLD_KEY))));
    beforeRotation.register(posting("p-old"));
    registry.register(posting("p-new"));

    assertThat(query("SELECT reference_key_id FROM postings ORDER BY posting_id")).containsExactly("k2", "k1");
    assertThat(registry.list(RegistryQuery.builder().reference(REFERENCE).build()).postings())
        .extracting(PostingRecord::reference).containsExactly(REFERENCE, REFERENCE);
  }

  @Test
  void aMissingOrShortHashKeyStopsStartUpNamingTheSetting() {
    EncryptionSettings ring = new EncryptionSettings("k1", Map.of("k1", TestRegistry.OLD_KEY));
    assertThatThrownBy(() -> new PostingRegistry(TestRegistry.database().dataSource(),
        new RegistrySettings(null, ring)))
        .hasMessageContaining("postings.registry.reference-hash-key");
    assertThatThrownBy(() -> new PostingRegistry(TestRegistry.database().dataSource(),
        new RegistrySettings("c2hvcnQ=", ring)))
        .hasMessageContaining("at least 32 bytes").hasMessageNotContaining("c2hvcnQ");
  }
}
