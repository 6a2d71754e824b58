package dev.postings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.client.Answer;
import dev.postings.client.PostingsClient;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code list}: postings with filters, one line each, and the counts by state. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List postings (filtered) with the number of postings in each state.")
final class ListCommand extends ApiCommand {

  @Option(names = {"-s", "--state"}, split = ",", paramLabel = "STATE",
      description = "only these states (repeat or comma-separate), e.g. NEEDS_ATTENTION,PARKED")
  List<String> states = new ArrayList<>();

  @Option(names = {"-p", "--provider"}, paramLabel = "PROVIDER",
      description = "PROPERTYWARE, RESMAN, ACQUAINT or STOREDGE")
  String provider;

  @Option(names = "--older-than", paramLabel = "AGE", converter = AgeConverter.class,
      description = "only postings older than this: 30m, 2h, 3d or ISO-8601 (PT1H)")
  Duration olderThan;

  @Option(names = {"-r", "--reference"}, paramLabel = "REFERENCE", description = "the payment's reference number")
  String reference;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most N (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--cursor", paramLabel = "CURSOR", description = "the next page, as the previous page said")
  String cursor;

  @Override
  ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (!states.isEmpty()) {
      query.put("state", states.stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).toList());
    }
    if (provider != null) {
      query.put("provider", List.of(provider.toUpperCase(Locale.ROOT)));
    }
    if (olderThan != null) {
      query.put("olderThan", List.of(olderThan.toString()));
    }
    if (reference != null) {
      query.put("reference", List.of(reference));
    }
    query.put("limit", List.of(String.valueOf(limit)));
    if (cursor != null) {
      query.put("cursor", List.of(cursor));
    }
    Answer answer = api.postings(query);
    if (!answer.ok()) {
      return failed("list", answer);
    }
    if (connection.json) {
      printJson(answer.body());
      return ExitStatus.OK;
    }
    print(answer.body());
    return ExitStatus.OK;
  }

  private void print(JsonNode page) {
    Moments moments = moments();
    TextTable table = new TextTable("POSTING", "PROVIDER", "STATE", "STEP", "AMOUNT", "REFERENCE", "STARTED",
        "IN STATE FOR", "LAST ERROR");
    for (JsonNode posting : page.path("postings")) {
      JsonNode amount = posting.path("amount");
      String money = amount.has("minor") ? Moments.money(amount.path("minor").asLong(),
          amount.path("currency").asText(null)) : "";
      table.row(text(posting, "postingId"), text(posting, "provider"), text(posting, "state"),
          text(posting, "step"), money, text(posting, "referenceNumber"),
          moments.ago(text(posting, "startedAt")), moments.ago(text(posting, "stateSince")).replace(" ago", ""),
          TextTable.shorten(text(posting, "lastError"), 70));
    }
    if (table.isEmpty()) {
      out().println("no postings match");
    } else {
      table.print(out());
    }
    List<String> counts = new ArrayList<>();
    page.path("counts").fields().forEachRemaining(count -> {
      if (count.getValue().asLong() > 0) {
        counts.add(count.getKey() + " " + count.getValue().asText());
      }
    });
    if (!counts.isEmpty()) {
      out().println();
      out().println("by state: " + String.join(", ", counts));
    }
    String next = text(page, "nextCursor");
    if (!next.isEmpty()) {
      out().println("more: add --cursor " + next);
    }
    out().flush();
  }


  /** "30m", "2h", "3d", "45s" or ISO-8601 ("PT1H", "P2D"). */
  static final class AgeConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhd])");

    @Override
    public Duration convert(String value) {
      Matcher shortForm = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
      if (shortForm.matches()) {
        long amount = Long.parseLong(shortForm.group(1));
        return switch (shortForm.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      try {
        return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException notADuration) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not an age: use 30m, 2h, 3d or PT1H");
      }
    }
  }
}
