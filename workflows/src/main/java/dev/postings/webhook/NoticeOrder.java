package dev.postings.webhook;

/** The notice workflow's input: the notice and the policy it is handled under. */
public record NoticeOrder(PropexoNotice notice, NoticePolicy policy) {}
