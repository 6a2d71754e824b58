package dev.postings.tools.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.workflow.AttentionCode;
import dev.postings.client.Answer;
import dev.postings.client.NewPosting;
import dev.postings.client.PostingAccepted;
import dev.postings.client.PostingView;
import dev.postings.client.PostingsClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * The chaos run ({@code ./postings chaos}): many postings across all four providers through the API while the sandbox
 * injects faults (5xx before and after applying, applied-then-no-answer as a held answer or a connection reset, 429
 * with Retry-After, latency spikes) and the chaos command kills the worker with SIGKILL and restarts it (it watches
 * how many postings this run has submitted). At the end every posting's final state is compared with its expected outcome, and
 * each provider's sandbox ledger with what should be on it: one entry per posting that landed, none per refused one.
 * The last line is {@code chaos: <n> postings, <d> duplicates, <l> lost, <u> unexpected states}; the exit code is 0
 * only when all three are 0.
 */
public final class ChaosRun {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED", "COMPENSATED", "REVERSED");
  /** Waiting for an operator: no automation will move it, so the run stops waiting for it. */
  private static final String OPERATOR_TASK = "NEEDS_ATTENTION";
  /** The sandbox's refused resident (sandbox.propexo.refused-resident-ids): the PMS refuses it, nothing lands. */
  private static final String REFUSED_RESIDENT = "res_refused";
  private static final String STOREDGE_FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";
  private static final String STOREDGE_METHOD = "6f1d2c3b-4a59-4e87-b6d0-1c2e3f4a5b6c";

  /** One posting of the run and what must come of it. */
  record Planned(String postingId, String provider, NewPosting posting, String expectedState, String ledgerKey) {}

  /** How one posting ended: its provider, final state and attention code ("" when it needs nobody). */
  record Outcome(String postingId, String provider, String state, String attention) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** Our API, through its Java client; the sandbox is driven with plain HTTP. */
  private final PostingsClient client;
  private final URI sandbox;
  private final int postings;
  private final long seed;
  private final Duration settleBudget;
  private final IntConsumer submittedSoFar;
  private final IntSupplier workerKills;
  private final Random random;
  private final double perSecond;

  /**
   * @param submittedSoFar told each time more postings have been submitted (the worker kills follow it)
   * @param workerKills how many times the worker was killed, for the report
   */
  ChaosRun(URI api, URI sandbox, int postings, long seed, Duration settleBudget, IntConsumer submittedSoFar,
      IntSupplier workerKills, String apiKey, double perSecond) {
    this.perSecond = perSecond;
    this.client = new PostingsClient(api, apiKey, Duration.ofSeconds(30));
    this.sandbox = sandbox;
    this.postings = postings;
    this.seed = seed;
    this.settleBudget = settleBudget;
    this.submittedSoFar = submittedSoFar;
    this.workerKills = workerKills;
    this.random = new Random(seed);
  }

  /** The run's last line, {@code chaos: <n> postings, <d> duplicates, <l> lost, <u> unexpected states}. */
  /** Every posting's end, once {@link #run()} returned. */
  List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  String verdict() {
    return verdict == null ? "chaos: no verdict (the run ended before its check)" : verdict;
  }

  int run() throws Exception {
    Instant started = Instant.now();
    JsonNode plan = installFaultPlan();
    say("fault plan installed (seed " + seed + "): " + plan.path("odds").size() + " scopes");
    List<Planned> planned = plan();
    Map<String, Long> mix = new LinkedHashMap<>();
    planned.forEach(p -> mix.merge(p.provider(), 1L, Long::sum));
    say("planned " + planned.size() + " postings " + mix + "; "
        + planned.stream().filter(p -> p.expectedState().equals("REJECTED")).count() + " of them must be refused");

    Map<String, String> submitted = submit(planned);
    say("all " + planned.size() + " postings accepted by the API in "
        + Duration.between(started, Instant.now()).toSeconds() + "s; waiting for them to settle");
    Map<String, String> finalStates = awaitSettled(planned);
    for (Planned posting : planned) {
      outcomes.add(new Outcome(posting.postingId(), posting.provider(),
          finalStates.getOrDefault(posting.postingId(), "UNKNOWN"),
          attentionCodes.getOrDefault(posting.postingId(), "")));
    }

    // the fault counters, then faults off before reading the ledgers, so the comparison itself is not disturbed
    JsonNode faults = send("GET", sandbox.resolve("/sandbox/faults"), null).body.path("counters");
    send("DELETE", sandbox.resolve("/sandbox/faults"), null);
    Map<String, Map<String, Integer>> ledgers = new HashMap<>();
    for (String provider : List.of("propertyware", "resman", "acquaint", "storedge")) {
      ledgers.put(provider.toUpperCase(), ledgerCounts(provider));
    }

    int duplicates = 0;
    int lost = 0;
    int unexpected = 0;
    List<String> problems = new ArrayList<>();
    // A 5xx before the write was applied looks, to us, exactly like one after: the outcome is unknown. Propertyware
    // and Acquaint have no idempotency key, so such a posting is looked up and, not found, waits for an operator with
    // the evidence instead of being sent again (docs/failures.md#the-unknown-outcome-rule). That is its expected
    // outcome, provided nothing landed, its evidence says so, and there are no more of them than such faults were
    // injected for the provider: for a payment that lands, only a fault before applying leaves nothing to find; for one
    // the PMS refuses (in its job, after the write was taken) any unclear answer does.
    Map<String, Long> beforeApply = new HashMap<>();
    Map<String, Long> anyUnclear = new HashMap<>();
    // A worker killed while it holds a write it has not sent yet leaves the same unknown outcome: the retry cannot tell
    // "never sent" from "sent, answer lost". Each kill may strand one such write per provider (at CI's rate writes
    // take well under the time between two submissions), so each kill adds one to what is excused.
    long strandedByKills = workerKills.getAsInt();
    for (String[] scope : new String[][] {{"PROPERTYWARE", "propertyware-writes"}, {"ACQUAINT", "acquaint-writes"}}) {
      JsonNode injected = faults.path(scope[1]).path("injected");
      long before = injected.path("ERROR_BEFORE_APPLY").asLong(0) + strandedByKills;
      beforeApply.put(scope[0], before);
      anyUnclear.put(scope[0], before + injected.path("ERROR_AFTER_APPLY").asLong(0)
          + injected.path("HOLD_PAST_TIMEOUT").asLong(0) + injected.path("CONNECTION_RESET").asLong(0));
    }
    Map<String, Long> heldForOperator = new LinkedHashMap<>();
    Map<String, Long> heldWhileLanding = new HashMap<>();
    for (Planned posting : planned) {
      int entries = ledgers.get(posting.provider()).getOrDefault(posting.ledgerKey(), 0);
      String state = finalStates.getOrDefault(posting.postingId(), submitted.get(posting.postingId()));
      String attention = attentionCodes.getOrDefault(posting.postingId(), "");
      boolean landing = posting.expectedState().equals("CONFIRMED");
      // the code, not the sentence: rewording an operator's reason must not change the verdict
      if ("NEEDS_ATTENTION".equals(state) && entries == 0 && AttentionCode.UNKNOWN_OUTCOME.name().equals(attention)
          && (landing ? heldWhileLanding.getOrDefault(posting.provider(), 0L)
              < beforeApply.getOrDefault(posting.provider(), 0L) : true)
          && heldForOperator.getOrDefault(posting.provider(), 0L) < anyUnclear.getOrDefault(posting.provider(), 0L)) {
        heldForOperator.merge(posting.provider(), 1L, Long::sum);
        if (landing) {
          heldWhileLanding.merge(posting.provider(), 1L, Long::sum);
        }
        continue;
      }
      boolean mustLand = posting.expectedState().equals("CONFIRMED");
      if (entries > 1) {
        duplicates += entries - 1;
        problems.add(posting.postingId() + ": " + entries + " ledger entries");
      }
      if (mustLand && entries == 0) {
        lost++;
        problems.add(posting.postingId() + ": expected on the " + posting.provider() + " ledger, not there (state "
            + state + ")");
      }
      if (!mustLand && entries > 0) {
        problems.add(posting.postingId() + ": refused posting has " + entries + " ledger entries");
        duplicates += entries;
      }
      if (!posting.expectedState().equals(state)) {
        unexpected++;
        problems.add(posting.postingId() + ": " + state + ", expected " + posting.expectedState());
      }
    }
    problems.stream().limit(30).forEach(problem -> say("  " + problem));
    if (problems.size() > 30) {
      say("  ... and " + (problems.size() - 30) + " more");
    }
    Map<String, Long> states = new LinkedHashMap<>();
    finalStates.values().forEach(state -> states.merge(state, 1L, Long::sum));
    say("final states: " + states);
    say("waiting for an operator with the evidence after a 5xx on a write without idempotency key (nothing landed,"
        + " not sent again): " + heldForOperator + " (of them payments that would have landed: " + heldWhileLanding
        + "), within the unclear write faults injected plus one per provider per worker kill " + anyUnclear
        + " (before applying: " + beforeApply + ")");
    say("faults injected: " + describeFaults(faults));
    faults.fields().forEachRemaining(scope -> {
      long requests = scope.getValue().path("requests").asLong();
      JsonNode injected = scope.getValue().path("injected");
      if (requests > 0) {
        long fiveHundreds = injected.path("ERROR_BEFORE_APPLY").asLong() + injected.path("ERROR_AFTER_APPLY").asLong();
        long noAnswer = injected.path("HOLD_PAST_TIMEOUT").asLong() + injected.path("CONNECTION_RESET").asLong();
        say(String.format("  %-20s %5d requests: 5xx %4.1f%%, applied then no answer %4.1f%%, 429 %4.1f%%,"
            + " latency spikes %4.1f%%", scope.getKey(), requests, 100.0 * fiveHundreds / requests,
            100.0 * noAnswer / requests, 100.0 * injected.path("RATE_LIMITED").asLong() / requests,
            100.0 * injected.path("LATENCY").asLong() / requests));
      }
    });
    int kills = workerKills.getAsInt();
    say("worker killed with SIGKILL and restarted: " + kills + " time(s); run time "
        + Duration.between(started, Instant.now()).toSeconds() + "s");
    verdict = "chaos: " + planned.size() + " postings, " + duplicates + " duplicates, " + lost + " lost, "
        + unexpected + " unexpected states";
    System.out.println(verdict);
    return duplicates == 0 && lost == 0 && unexpected == 0 ? 0 : 1;
  }

  /**
   * At least 10% 5xx, 5% applied-then-no-answer, 5% 429 and latency spikes on every provider's writes; reads get 5xx,
   * 429 and spikes too (a lost read answer is harmless, so none of those).
   */
  private JsonNode installFaultPlan() throws IOException, InterruptedException {
    ObjectNode plan = JSON.createObjectNode();
    plan.put("seed", seed);
    ObjectNode odds = plan.putObject("odds");
    for (String scope : List.of("propertyware-writes", "resman-writes", "acquaint-writes", "storedge-writes")) {
      // "after apply" and "no answer" fire only on a request the provider applied, so they are set a little above
      // the rates they must reach; the run prints the rates it met per scope
      odds.putObject(scope).put("errorBeforeApply", 0.06).put("errorAfterApply", 0.06).put("noAnswer", 0.07)
          .put("resetShare", 0.5).put("rateLimited", 0.06).put("retryAfter", "PT1S")
          .put("latencySpike", 0.05).put("latency", "PT1.5S");
    }
    for (String scope : List.of("propexo-reads", "acquaint-reads", "storedge-reads")) {
      odds.putObject(scope).put("errorBeforeApply", 0.12).put("rateLimited", 0.06).put("retryAfter", "PT1S")
          .put("latencySpike", 0.05).put("latency", "PT1.5S");
    }
    SandboxAnswer answer = send("PUT", sandbox.resolve("/sandbox/faults"), plan);
    if (answer.status != 200) {
      throw new IllegalStateException("the sandbox refused the fault plan: " + answer.status + " " + answer.body);
    }
    return plan;
  }

  /** 30% Propertyware (a few refused), 15% ResMan, 25% Acquaint (rent and charges), 30% storEDGE. */
  private List<Planned> plan() throws IOException, InterruptedException {
    String run = LocalTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
    List<Planned> planned = new ArrayList<>();
    for (int i = 0; i < postings; i++) {
      String id = "chaos-" + run + "-" + i;
      int slot = i % 20;
      if (slot < 6) {
        boolean refused = i % 40 == 5;
        planned.add(propertyware(id, "PWC" + run + i, refused));
      } else if (slot < 9) {
        planned.add(resman(id, "RMC" + run + i));
      } else if (slot < 14) {
        planned.add(acquaint(id, "AQC" + run + i, slot % 2 == 0));
      } else {
        planned.add(storedge(id));
      }
    }
    return planned;
  }

  private static NewPosting posting(String postingId, String provider, long minor, String currency, String date,
      String paymentType, String reference, NewPosting.Target target) {
    return new NewPosting(postingId, provider, new NewPosting.Amount(minor, currency), date, paymentType, reference,
        "chaos " + postingId, target, null, NewPosting.localConnectionOf(provider));
  }

  private Planned propertyware(String postingId, String reference, boolean refused) {
    String resident = refused ? REFUSED_RESIDENT : "res_" + postingId;
    NewPosting posting = posting(postingId, "PROPERTYWARE", 10_000 + random.nextInt(90_000), "USD",
        "2024-01-15T09:30:00Z", "CHECK", reference,
        new NewPosting.PropertywareTarget("intg_chaos", "lease_" + postingId, resident, "fa_rent"));
    return new Planned(postingId, "PROPERTYWARE", posting, refused ? "REJECTED" : "CONFIRMED", reference);
  }

  private Planned resman(String postingId, String reference) {
    NewPosting posting = posting(postingId, "RESMAN", 10_000 + random.nextInt(90_000), "USD", "2024-06-15T14:45:00Z",
        "Credit Card", reference, new NewPosting.ResmanTarget("intg_resman_chaos", "res_" + postingId, "chaos run"));
    return new Planned(postingId, "RESMAN", posting, "CONFIRMED", "posting-" + postingId);
  }

  /** Each Acquaint posting pays its own rent item or charge, made for it, so no two postings share a balance. */
  private Planned acquaint(String postingId, String reference, boolean rent) throws IOException, InterruptedException {
    long minor = 5_000 + random.nextInt(95_000);
    String amount = java.math.BigDecimal.valueOf(minor, 2).toPlainString();
    ObjectNode fixture = JSON.createObjectNode().put("tenancyId", 301);
    NewPosting.AcquaintTarget target;
    if (rent) {
      fixture.put("contactId", 401).put("due", amount);
      long item = fixtureId(send("POST", sandbox.resolve("/sandbox/acquaint/rent-items"), fixture));
      target = NewPosting.AcquaintTarget.rent(item, 301, 1, 401);
    } else {
      fixture.put("amount", amount).put("description", "chaos charge");
      target = NewPosting.AcquaintTarget.charge(
          fixtureId(send("POST", sandbox.resolve("/sandbox/acquaint/charges"), fixture)), 1, 401);
    }
    NewPosting posting = posting(postingId, "ACQUAINT", minor, "GBP", "2026-03-13T12:39:00Z", "3", reference, target);
    return new Planned(postingId, "ACQUAINT", posting, "CONFIRMED", reference);
  }

  /** Each storEDGE posting pays its own ledger with a stored payment method (a balance of exactly its amount). */
  private Planned storedge(String postingId) throws IOException, InterruptedException {
    long minor = 1_000 + random.nextInt(9_000);
    String ledger = java.util.UUID.nameUUIDFromBytes(postingId.getBytes()).toString();
    ObjectNode fixture = JSON.createObjectNode().put("id", ledger).put("facilityId", STOREDGE_FACILITY)
        .put("balance", java.math.BigDecimal.valueOf(minor, 2)).put("monthlyRent", java.math.BigDecimal.valueOf(minor, 2));
    fixture.putArray("paymentMethodIds").add(STOREDGE_METHOD);
    SandboxAnswer created = send("POST", sandbox.resolve("/sandbox/storedge/ledgers"), fixture);
    if (created.status != 200) {
      throw new IllegalStateException("the sandbox did not create storEDGE ledger " + ledger + ": " + created.body);
    }
    NewPosting posting = posting(postingId, "STOREDGE", minor, "USD", "2024-01-15T09:30:00Z", null, "SE-" + postingId,
        new NewPosting.StoredgeTarget(STOREDGE_FACILITY, ledger, "CUSTOM",
            NewPosting.PaymentMethod.stored(STOREDGE_METHOD)));
    return new Planned(postingId, "STOREDGE", posting, "CONFIRMED", "posting-" + postingId);
  }

  private static long fixtureId(SandboxAnswer answer) {
    if (answer.status != 200 || !answer.body.has("Id")) {
      throw new IllegalStateException("the sandbox did not create an Acquaint fixture: " + answer.body);
    }
    return answer.body.get("Id").asLong();
  }

  /**
   * Submits every posting at {@code perSecond} (so the worker kills land while many postings are in flight), up to 16 at
   * a time; a start that fails transiently is sent again: the posting id makes it idempotent.
   */
  private Map<String, String> submit(List<Planned> planned) throws Exception {
    Map<String, String> accepted = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> futures = new ArrayList<>();
      long gapNanos = (long) (1_000_000_000L / Math.max(0.1, perSecond));
      long next = System.nanoTime();
      for (Planned posting : planned) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        next += gapNanos;
        futures.add(pool.submit(() -> {
          for (int attempt = 1; ; attempt++) {
            int status;
            String said;
            try {
              Answer answer = client.start(posting.posting());
              if (answer.status() == 202 || answer.status() == 200) {
                accepted.put(posting.postingId(), answer.as(PostingAccepted.class).state());
                break;
              }
              status = answer.status();
              said = answer.reason();
            } catch (PostingsClient.Unreachable unreachable) {
              // the API is not answering (yet, or for a moment): the posting id makes the start safe to repeat
              status = 0;
              said = unreachable.getMessage();
            }
            if (status < 500 && status != 0 || attempt >= 20) {
              accepted.put(posting.postingId(), "NOT_ACCEPTED(" + status + ")");
              say("  " + posting.postingId() + " not accepted: " + status + " " + said);
              break;
            }
            Thread.sleep(500);
          }
          int now = done.incrementAndGet();
          writeProgress(now);
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    return accepted;
  }

  private synchronized void writeProgress(int submitted) {
    if (submitted < lastProgress) {
      return;
    }
    lastProgress = submitted;
    submittedSoFar.accept(submitted);
    if (submitted % Math.max(1, postings / 10) == 0) {
      say("  submitted " + submitted + "/" + postings);
    }
  }

  /**
   * Polls every posting until it reaches its expected state or a terminal one, or the budget ends. A posting that is
   * expected to confirm but waits in NEEDS_ATTENTION or PARKED at the end counts as an unexpected state.
   */
  private Map<String, String> awaitSettled(List<Planned> planned) throws Exception {
    Map<String, String> states = new ConcurrentHashMap<>();
    Instant deadline = Instant.now().plus(settleBudget);
    List<Planned> open = new ArrayList<>(planned);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      while (!open.isEmpty() && Instant.now().isBefore(deadline)) {
        List<Future<?>> polls = new ArrayList<>();
        for (Planned posting : open) {
          polls.add(pool.submit(() -> {
            Answer answer;
            try {
              answer = client.posting(posting.postingId());
            } catch (PostingsClient.Unreachable unreachable) {
              return null; // no answer this round: the next poll asks again
            }
            if (answer.status() == 200) {
              PostingView view = answer.as(PostingView.class);
              states.put(posting.postingId(), view.state());
              attentionCodes.put(posting.postingId(), view.attention() == null ? "" : view.attention().code());
            }
            return null;
          }));
        }
        for (Future<?> poll : polls) {
          poll.get();
        }
        open.removeIf(posting -> states.containsKey(posting.postingId())
            && (TERMINAL.contains(states.get(posting.postingId()))
            || OPERATOR_TASK.equals(states.get(posting.postingId()))));
        long waiting = open.size();
        Map<String, Long> byState = new LinkedHashMap<>();
        open.forEach(p -> byState.merge(String.valueOf(states.get(p.postingId())), 1L, Long::sum));
        say("  " + (planned.size() - waiting) + "/" + planned.size() + " settled" + (waiting > 0 ? "; open: "
            + byState : ""));
        if (!open.isEmpty()) {
          Thread.sleep(3000);
        }
      }
    } finally {
      pool.shutdown();
    }
    return states;
  }

  /** Entries per posting key that count as a payment, on one provider's sandbox ledger. */
  private Map<String, Integer> ledgerCounts(String provider) throws IOException, InterruptedException {
    SandboxAnswer answer = send("GET", sandbox.resolve("/sandbox/ledger/" + provider), null);
    if (answer.status != 200) {
      throw new IllegalStateException("cannot read the " + provider + " ledger: " + answer.status);
    }
    JsonNode entries = answer.body.has("entries") ? answer.body.get("entries") : answer.body;
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode entry : entries) {
      if (entry.path("countsAsPayment").asBoolean(true)) {
        counts.merge(entry.path("postingKey").asText(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static String describeFaults(JsonNode counters) {
    Map<String, Long> byKind = new LinkedHashMap<>();
    long requests = 0;
    for (JsonNode scope : counters) {
      requests += scope.path("requests").asLong();
      scope.path("injected").fields().forEachRemaining(kind -> byKind.merge(kind.getKey(), kind.getValue().asLong(),
          Long::sum));
    }
    return requests + " provider requests; " + byKind;
  }

  private int lastProgress;
  private String verdict;
  private final Map<String, String> attentionCodes = new ConcurrentHashMap<>();
  private final List<Outcome> outcomes = new ArrayList<>();

  /** An answer of the sandbox (status 0: no answer). */
  record SandboxAnswer(int status, JsonNode body) {}

  /** The sandbox's own endpoints (faults, fixtures, ledgers): no API key goes there. */
  private SandboxAnswer send(String method, URI uri, JsonNode body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (body != null) {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed = response.body() == null || response.body().isBlank() ? JSON.createObjectNode()
          : JSON.readTree(response.body());
      return new SandboxAnswer(response.statusCode(), parsed);
    } catch (IOException unreachable) {
      return new SandboxAnswer(0, JSON.createObjectNode().put("error", String.valueOf(unreachable.getMessage())));
    }
  }

  private static void say(String text) {
    System.out.println(text);
    System.out.flush();
  }
}
