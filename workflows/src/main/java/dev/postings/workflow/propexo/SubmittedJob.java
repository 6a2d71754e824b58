package dev.postings.workflow.propexo;

/**
 * A Propexo write's answer, with one look at its job taken in the write's own activity.
 *
 * @param job the job the write started
 * @param settled the job's outcome when it had left PENDING by the look (null: still pending, or the look failed; the
 *     workflow then follows the job with its poll)
 */
public record SubmittedJob(PropexoJob job, SettledJob settled) {}
