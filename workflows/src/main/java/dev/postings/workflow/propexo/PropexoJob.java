package dev.postings.workflow.propexo;

/** A Propexo write job ({@code meta.job_id} of the POST's answer). */
public record PropexoJob(String jobId) {}
