package dev.postings.connections;

import java.time.Duration;

/**
 * How ResMan postings of one Propexo connection wait for the property manager's approval, where the customer's plan
 * differs from the service's policy (docs/providers/propexo.md#approval-and-the-next-sync). Each field is optional:
 * absent = the service's policy.
 *
 * @param approvalReminder after this long without the record, a reminder
 * @param approvalDeadline after this long without the record, an operator task
 * @param syncInterval the integration's sync interval on this customer's plan
 */
public record ApprovalSettings(Duration approvalReminder, Duration approvalDeadline, Duration syncInterval) {

  public ApprovalSettings {
    check("approval.approvalReminder", approvalReminder);
    check("approval.approvalDeadline", approvalDeadline);
    check("approval.syncInterval", syncInterval);
  }

  private static void check(String field, Duration value) {
    if (value != null && (value.compareTo(Duration.ofMinutes(1)) < 0 || value.compareTo(Duration.ofDays(90)) > 0)) {
      throw new ConnectionInvalid(field, "must be from 1 minute to 90 days");
    }
  }
}
