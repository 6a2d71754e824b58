package dev.postings.webhook;

import java.util.List;

/**
 * What a notice did.
 *
 * @param woken the postings (workflow ids) it was delivered to: at most the one it matches
 * @param note why no posting was woken, or null
 */
public record NoticeOutcome(List<String> woken, String note) {

  public static NoticeOutcome nobody(String why) {
    return new NoticeOutcome(List.of(), why);
  }
}
