package dev.postings.registry;

import dev.postings.reconciliation.PostingOnRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A connection's postings of one transaction day, as a reconciliation compares them with the ledger: the reference is
 * opened from its seal here, in memory, and never written anywhere else.
 */
public final class PostingsOfADay {

  private final DataSource dataSource;
  private final ReferenceProtection protection;

  public PostingsOfADay(DataSource dataSource, RegistrySettings settings) {
    this.dataSource = dataSource;
    this.protection = ReferenceProtection.of(settings);
  }

  public List<PostingOnRecord> of(String connectionId, LocalDate day) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT posting_id, state, record_id, amount_minor,"
            + " reference_key_id, reference_sealed, ledger_scope FROM postings"
            + " WHERE connection_id = ? AND transaction_date = ? ORDER BY posting_id")) {
      select.setString(1, connectionId);
      select.setObject(2, day);
      List<PostingOnRecord> postings = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          String postingId = row.getString("posting_id");
          postings.add(new PostingOnRecord(postingId, row.getString("state"), row.getString("record_id"),
              row.getLong("amount_minor"), protection.open(postingId, row.getString("reference_key_id"),
                  row.getBytes("reference_sealed")), row.getString("ledger_scope")));
        }
      }
      return postings;
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot read the postings of " + connectionId + " on " + day, e);
    }
  }
}
