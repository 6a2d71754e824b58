package dev.postings.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.directory.PostingPage;
import dev.postings.directory.PostingSummary;
import dev.postings.model.FieldError;
import dev.postings.model.Provider;
import dev.postings.registry.NewPosting;
import dev.postings.registry.PostingRegistry;
import dev.postings.registry.RegistrySettings;
import dev.postings.registry.RegistryTestDatabases;
import dev.postings.encryption.EncryptionKeys;
import dev.postings.encryption.EncryptionSettings;
import dev.postings.starter.registry.RegistryPostingDirectory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The registry's filters on {@code GET /api/postings}: connection, exact amount, transaction dates, each checked and
 * named when wrong, and each narrowing the list the registry answers.
 */
class PostingListFiltersTest {

  private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");

  private static PostingListRequest request(String... pairs) {
    Map<String, String[]> parameters = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      parameters.merge(pairs[i], new String[] {pairs[i + 1]}, (a, b) -> new String[] {a[0], b[0]});
    }
    return PostingListRequest.of(parameters, null);
  }

  @Test
  void badFiltersAreNamed() {
    assertThat(request("connection", "Not A Slug").errors()).extracting(FieldError::field).containsExactly("connection");
    assertThat(request("amount", "-5").errors()).extracting(FieldError::field).containsExactly("amount");
    assertThat(request("amount", "99999999999999999999").errors()).extracting(FieldError::field)
        .containsExactly("amount");
    assertThat(request("transactionDateFrom", "2026-13-01").errors()).extracting(FieldError::field)
        .containsExactly("transactionDateFrom");
    assertThat(request("transactionDateTo", "1999-12-31").errors()).extracting(FieldError::field)
        .containsExactly("transactionDateTo");
    assertThat(request("transactionDateFrom", "2026-12-05", "transactionDateTo", "2026-12-04").errors())
        .extracting(FieldError::field).containsExactly("transactionDateFrom");
    assertThat(request("connection", "acquaint-dev", "connection", "acquaint-north").errors())
        .extracting(FieldError::field).containsExactly("connection");
  }

  @Test
  void eachFilterNarrowsTheRegistrysList() throws Exception {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(RegistryTestDatabases.freshDatabase());
    dataSource.setUser(RegistryTestDatabases.USER);
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String id : new String[] {"acquaint-dev", "acquaint-north"}) {
        statement.execute("INSERT INTO connections (connection_id, provider_api, name, base_url, credentials_sealed,"
            + " key_id, last4, created_at, updated_at) VALUES ('" + id + "', 'ACQUAINT', 'x', 'http://127.0.0.1:1',"
            + " '\\x00'::bytea, 'k', 'abcd', now(), now())");
      }
    }
    PostingRegistry registry = new PostingRegistry(dataSource, new RegistrySettings(
        RegistrySettings.LOCAL_DEVELOPMENT_HASH_KEY,
        new EncryptionSettings("local-dev", Map.of("local-dev", EncryptionKeys.LOCAL_DEVELOPMENT_KEY))));
    registry.register(posting("p-dev-1", "acquaint-dev", 4_550, LocalDate.of(2026, 12, 3)));
    registry.register(posting("p-dev-2", "acquaint-dev", 9_000, LocalDate.of(2026, 12, 4)));
    registry.register(posting("p-north-1", "acquaint-north", 4_550, LocalDate.of(2026, 12, 4)));
    RegistryPostingDirectory directory = new RegistryPostingDirectory(registry, null,
        Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC), postingId -> Optional.empty());

    assertThat(ids(directory.list(request("connection", "acquaint-dev").query())))
        .containsExactlyInAnyOrder("p-dev-1", "p-dev-2");
    assertThat(ids(directory.list(request("amount", "4550").query())))
        .containsExactlyInAnyOrder("p-dev-1", "p-north-1");
    assertThat(ids(directory.list(request("transactionDateFrom", "2026-12-04").query())))
        .containsExactlyInAnyOrder("p-dev-2", "p-north-1");
    assertThat(ids(directory.list(request("transactionDateTo", "2026-12-03", "connection", "acquaint-dev").query())))
        .containsExactly("p-dev-1");
  }

  private static NewPosting posting(String postingId, String connection, long amount, LocalDate day) {
    return new NewPosting(postingId, "billing", "fp-" + postingId, Provider.ACQUAINT, connection, amount, "GBP",
        "REF-" + postingId, day, T0);
  }

  private static java.util.List<String> ids(PostingPage page) {
    return page.postings().stream().map(PostingSummary::postingId).toList();
  }
}
