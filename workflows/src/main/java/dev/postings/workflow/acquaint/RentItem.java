package dev.postings.workflow.acquaint;

/**
 * One row of {@code retrievesrentstopay}: {@code {Id, TenancyId, DueDate, Due, Received, ReceivedDate,
 * ReferenceChequeNo, ...}}. Amounts in pence; null when Acquaint's value is missing or not a whole number of pence.
 *
 * @param dueMinor the amount due ({@code Due})
 * @param receivedMinor the amount received so far ({@code Received})
 * @param dueDate Acquaint's local date-time text, as given
 * @param receivedDate Acquaint's local date-time text of the last receipt, or null
 * @param referenceChequeNo the reference of the last receipt, or null
 */
public record RentItem(
    long id,
    Long tenancyId,
    Long dueMinor,
    Long receivedMinor,
    String dueDate,
    String receivedDate,
    String referenceChequeNo) {}
