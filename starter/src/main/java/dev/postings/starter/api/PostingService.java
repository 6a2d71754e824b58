package dev.postings.starter.api;

import dev.postings.callback.CallbackDestinations;
import dev.postings.directory.TemporalWaitingPostings;
import dev.postings.model.FieldError;
import dev.postings.model.PostingFingerprint;
import dev.postings.model.PostingRequest;
import dev.postings.model.PostingValidator;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.Provider;
import dev.postings.model.ResmanTarget;
import dev.postings.model.StoredgePaymentMethod;
import dev.postings.model.StoredgeTarget;
import dev.postings.reconciliation.LedgerScope;
import dev.postings.registry.NewPosting;
import dev.postings.registry.PostingRecord;
import dev.postings.registry.PostingRegistry;
import dev.postings.registry.Registration;
import dev.postings.starter.cardvault.SealedCardStore;
import dev.postings.starter.contract.RequestContract;
import dev.postings.starter.caller.ApiCaller;
import dev.postings.workflow.CompletionCallback;
import dev.postings.workflow.PostingOrder;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.PostingSearchAttributes;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting and reading postings. A posting id is one posting forever: the workflow id is derived from it, a second
 * start of the same request answers with the existing posting, and a different request under the same id is a
 * conflict, told apart by the fingerprint kept in the workflow's memo.
 *
 * <p>A request carrying cardholder data (a new storEDGE card or bank account) has it sealed in the card vault first; the
 * workflow gets the vault's reference only. The fingerprint leaves the reference out (every seal makes a new one), so
 * the same request sent again is still the same posting; a start that finds the posting already there discards what it
 * has just sealed at once.
 *
 * <p>The registry decides first ({@link PostingRegistry#register}, before any workflow starts): the row it inserts takes
 * the posting id for ever, so a repeated or conflicting request is told apart even after Temporal has forgotten the
 * workflow (retention, or a restart of the local server). See docs/decisions/0022-postgresql-registry.md.
 *
 * <p>Every posting has an owner, the service whose key started it ({@code PostingOwner} search attribute and memo). A
 * service reads only its own service's postings ({@link #status(String, ApiCaller)}); one that asks for another's, or
 * starts one under another's id, learns nothing about it.
 */
public class PostingService {

  static final String FINGERPRINT_MEMO = "fingerprint";
  private static final Pattern POSTING_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
  private static final int MAX_POSTING_ID_LENGTH = 200;
  private static final Logger log = LoggerFactory.getLogger(PostingService.class);

  private final WorkflowClient client;
  private final PostingRequestReader reader;
  private final PostingPolicy policy;
  private final String taskQueue;
  private final Clock clock;
  private final SealedCardStore cardStore;
  private final CompletionCallback callbackPolicy;
  private final CallbackDestinations callbackDestinations;
  private final PostingRegistry registry;

  /**
   * @param callbackPolicy the retry schedule, budget and call timeout every completion callback gets (its url is
   *     ignored: each posting names its own)
   * @param callbackDestinations where a callback may go: a {@code callbackUrl} it refuses is a 400 and nothing starts
   *     (the worker checks again at every delivery)
   */
  public PostingService(WorkflowClient client, PostingRequestReader reader, PostingPolicy policy, String taskQueue,
      Clock clock, SealedCardStore cardStore, CompletionCallback callbackPolicy,
      CallbackDestinations callbackDestinations, PostingRegistry registry) {
    this.client = client;
    this.registry = registry;
    this.reader = reader;
    this.policy = policy;
    this.taskQueue = taskQueue;
    this.clock = clock;
    this.cardStore = cardStore;
    this.callbackPolicy = callbackPolicy;
    this.callbackDestinations = callbackDestinations;
  }

  /** How a start ended. */
  public sealed interface StartOutcome {
    record Started(PostingAccepted posting) implements StartOutcome {}

    record AlreadyExists(PostingAccepted posting) implements StartOutcome {}

    record Conflict(String postingId) implements StartOutcome {}

    record Invalid(List<FieldError> errors) implements StartOutcome {}
  }

  /**
   * @param owner the service of the key that asks ({@link ApiCaller#service()}): recorded as the posting's owner, and a
   *     posting id another service already used is a conflict that tells nothing about that posting
   */
  public StartOutcome start(String body, String owner) {
    PostingRequestReader.Reading reading = reader.read(body);
    List<FieldError> errors = reading.errors();
    if (reading.request() != null) {
      errors = RequestContract.merge(errors,
          new PostingValidator(policy.limits()).validate(reading.request(), clock.instant()));
    }
    errors = new ArrayList<>(errors);
    // Only a request valid in every other field gets its callback host looked up: an invalid one must not make this
    // service send DNS queries (or wait on a slow resolver) for a caller.
    if (reading.callbackUrl() != null && errors.isEmpty()) {
      try {
        callbackDestinations.check(reading.callbackUrl());
      } catch (CallbackDestinations.Refused refused) {
        errors.add(new FieldError("callbackUrl", refused.publicReason()));
      }
    }
    if (!errors.isEmpty()) {
      return new StartOutcome.Invalid(errors);
    }
    // without the vault reference: it differs on every seal, and must not make a repeated request a conflict
    String fingerprint = PostingFingerprint.of(withVaultRef(reading.request(), null));
    String vaultRef = reading.secrets() == null ? null : cardStore.seal(reading.secrets());
    CompletionCallback callback = reading.callbackUrl() == null ? null : new CompletionCallback(reading.callbackUrl(),
        callbackPolicy.retry(), callbackPolicy.budget(), callbackPolicy.callTimeout());
    return start(vaultRef == null ? reading.request() : withVaultRef(reading.request(), vaultRef), fingerprint,
        vaultRef, callback, owner);
  }

  private StartOutcome start(PostingRequest request, String fingerprint, String vaultRef,
      CompletionCallback callback, String owner) {
    Registration registration = registry.register(new NewPosting(request.postingId(), owner, fingerprint,
        request.provider(), request.connectionId(), request.amount().minor(), request.amount().currency(), request.referenceNumber(),
        request.transactionDate().atOffset(ZoneOffset.UTC).toLocalDate(), clock.instant(),
        LedgerScope.of(request.target()).wire()));
    if (registration instanceof Registration.Conflict) {
      discard(vaultRef);
      // another service's posting answers like a different request: its state and its request stay unknown
      log.info("posting {}: refused a different request under the same id", request.postingId());
      return new StartOutcome.Conflict(request.postingId());
    }
    if (registration instanceof Registration.SameRequest same && !mayStartAgain(same.existing())) {
      discard(vaultRef);
      return new StartOutcome.AlreadyExists(accepted(request.postingId(), same.existing().state()));
    }
    // A new row, or this request's row whose workflow may never have started (the start after the registration
    // failed): start it. Temporal refuses a second workflow while the first one's history exists.
    return startWorkflow(request, fingerprint, vaultRef, callback, owner);
  }

  /**
   * Whether the same request sent again may start the posting's workflow: only while its row is open, has never
   * recorded a state after RECEIVED, and was not marked as without a workflow. That is a registration whose workflow
   * start failed (Temporal unreachable, the API stopped in between): the caller's retry starts it. A posting that
   * ended, or progressed, or whose workflow the local Temporal server forgot, is never started again: its payment may
   * be on the provider's ledger.
   */
  static boolean mayStartAgain(PostingRecord existing) {
    return existing.isOpen() && existing.state() == PostingState.RECEIVED && existing.workflowLostAt() == null
        && existing.updatedAt().equals(existing.startedAt());
  }

  private void discard(String vaultRef) {
    if (vaultRef != null) {
      // nothing starts with this card data: nobody will ever redeem what was just sealed
      cardStore.discard(vaultRef);
    }
  }

  private StartOutcome startWorkflow(PostingRequest request, String fingerprint, String vaultRef,
      CompletionCallback callback, String owner) {
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(request.workflowId())
        .setTaskQueue(taskQueue)
        // A posting id is never reused, not even after its posting ended: that is what makes starts idempotent.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(SearchAttributes.newBuilder()
            .set(PostingSearchAttributes.POSTING_STATE, PostingState.RECEIVED.name())
            .set(PostingSearchAttributes.POSTING_PROVIDER, request.provider().name())
            .set(PostingSearchAttributes.POSTING_OWNER, owner)
            .build())
        .setMemo(memo(request, fingerprint, owner))
        .build());
    try {
      // judged above with the same rules (validate): the verdict travels in the input
      WorkflowClient.start(workflow::post, PostingOrder.registeredAndJudged(request, policy, callback));
      log.info("posting {}: started ({}) for {}", request.postingId(), request.provider(), owner);
      return new StartOutcome.Started(accepted(request.postingId(), PostingState.RECEIVED));
    } catch (WorkflowExecutionAlreadyStarted exists) {
      if (vaultRef != null) {
        // The posting exists already, with card data of its own: nobody will ever redeem what was just sealed. (When
        // the start throws otherwise, e.g. Temporal unreachable, whether it reached the server is unknown: the entry is
        // left to the vault's TTL, so that a posting that did start can still charge.)
        cardStore.discard(vaultRef);
      }
      WorkflowExecutionDescription existing = client.newUntypedWorkflowStub(request.workflowId()).describe();
      Object existingFingerprint = existing.getMemo(FINGERPRINT_MEMO, String.class);
      if (!owner.equals(ownerOf(existing)) || !fingerprint.equals(existingFingerprint)) {
        // another service's posting answers like a different request: its state and its request stay unknown
        log.info("posting {}: refused a different request under the same id", request.postingId());
        return new StartOutcome.Conflict(request.postingId());
      }
      return new StartOutcome.AlreadyExists(accepted(request.postingId(), stateOf(existing)));
    }
  }

  /**
   * What a posting list shows without asking each workflow, and what tells which postings a Propexo webhook may
   * concern (the integration). The memo passes the encrypting codec; search attributes do not, so the reference
   * (payment data) is no search attribute.
   */
  /**
   * What a posting list shows without asking each workflow. The memo passes the encrypting codec; search attributes do
   * not, so the reference (payment data) is no search attribute.
   */
  private static Map<String, Object> memo(PostingRequest request, String fingerprint, String owner) {
    Map<String, Object> memo = new java.util.LinkedHashMap<>();
    memo.put(TemporalWaitingPostings.MEMO_OWNER, owner);
    memo.put(FINGERPRINT_MEMO, fingerprint);
    memo.put(TemporalWaitingPostings.MEMO_REFERENCE, request.referenceNumber());
    memo.put(TemporalWaitingPostings.MEMO_AMOUNT_MINOR, request.amount().minor());
    memo.put(TemporalWaitingPostings.MEMO_CURRENCY, request.amount().currency());
    if (request.target() instanceof PropertywareTarget propertyware) {
      memo.put(TemporalWaitingPostings.MEMO_INTEGRATION_ID, propertyware.integrationId());
    } else if (request.target() instanceof ResmanTarget resman) {
      memo.put(TemporalWaitingPostings.MEMO_INTEGRATION_ID, resman.integrationId());
    }
    return memo;
  }

  /**
   * The request with the vault reference of its new card or bank account replaced; other requests unchanged. Only
   * storEDGE methods carry card data.
   */
  static PostingRequest withVaultRef(PostingRequest request, String vaultRef) {
    if (!(request.target() instanceof StoredgeTarget target)) {
      return request;
    }
    StoredgePaymentMethod method = target.paymentMethod();
    if (method instanceof StoredgePaymentMethod.NewCard card) {
      method = new StoredgePaymentMethod.NewCard(card.firstName(), card.lastName(), card.cardType(),
          card.expirationDate(), card.last4(), vaultRef, card.billingAddress());
    } else if (method instanceof StoredgePaymentMethod.NewAch ach) {
      method = new StoredgePaymentMethod.NewAch(ach.firstName(), ach.lastName(), ach.accountType(), ach.bankName(),
          ach.routingNumber(), ach.last4(), vaultRef, ach.billingAddress());
    } else {
      return request;
    }
    return new PostingRequest(request.postingId(), request.provider(), request.amount(), request.transactionDate(),
        request.paymentType(), request.referenceNumber(), request.description(),
        new StoredgeTarget(target.facilityId(), target.ledgerId(), target.paymentKind(), target.months(), method),
        request.connectionId());
  }

  /**
   * The posting's status as {@code viewer} may see it: any posting for an operator, the postings of its own service
   * for a service; another's is empty, exactly like one that does not exist (a 404 that tells nothing).
   */
  public Optional<PostingStatus> status(String postingId, ApiCaller viewer) {
    return describe(postingId).filter(found -> visibleTo(found, viewer)).map(found -> status(postingId, found));
  }

  /** Whether {@code viewer} may see the posting (it exists, and is its service's or {@code viewer} operates). */
  public boolean isVisible(String postingId, ApiCaller viewer) {
    return describe(postingId).filter(found -> visibleTo(found, viewer)).isPresent();
  }

  /** The posting's status, whoever started it (operators' actions): live while it runs, its result once ended. */
  public Optional<PostingStatus> status(String postingId) {
    return describe(postingId).map(found -> status(postingId, found));
  }

  private static boolean visibleTo(WorkflowExecutionDescription posting, ApiCaller viewer) {
    return viewer.seesEveryPosting() || viewer.service().equals(ownerOf(posting));
  }

  /** The service that started the posting; null for a posting started before owners were recorded. */
  private static String ownerOf(WorkflowExecutionDescription posting) {
    String owner = posting.getTypedSearchAttributes().get(PostingSearchAttributes.POSTING_OWNER);
    if (owner != null) {
      return owner;
    }
    try {
      return (String) posting.getMemo(TemporalWaitingPostings.MEMO_OWNER, String.class);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  /** The posting's execution as the server describes it; empty when there is none (or the id cannot be one). */
  private Optional<WorkflowExecutionDescription> describe(String postingId) {
    if (!isPostingId(postingId)) {
      return Optional.empty(); // never sent to Temporal: an overlong or odd id is an error there, and no posting here
    }
    try {
      return Optional.of(client.newUntypedWorkflowStub(PostingRequest.workflowIdOf(postingId)).describe());
    } catch (WorkflowNotFoundException notFound) {
      return Optional.empty();
    } catch (StatusRuntimeException rpc) {
      if (rpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw rpc;
    }
  }

  /** What any posting id looks like (the start refuses others), with room above today's length limit. */
  public static boolean isPostingId(String postingId) {
    return postingId != null && postingId.length() <= MAX_POSTING_ID_LENGTH && POSTING_ID.matcher(postingId).matches();
  }

  private PostingStatus status(String postingId, WorkflowExecutionDescription description) {
    String workflowId = PostingRequest.workflowIdOf(postingId);
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    WorkflowExecutionStatus status = description.getStatus();
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      return stub.getResult(PostingStatus.class);
    }
    // Running, or closed otherwise than by returning (a cancel requested after the payment was sent closes the workflow
    // as "canceled" although the posting finished): the posting's own answer comes from the status query.
    try {
      return client.newWorkflowStub(PostingWorkflow.class, workflowId).status();
    } catch (RuntimeException notAnswered) {
      // No worker has run the posting yet (or none is up): answer from what the server itself knows.
      return summary(postingId, description,
          status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING ? null
              : "workflow " + status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase());
    }
  }

  private static PostingStatus summary(String postingId, WorkflowExecutionDescription description, String error) {
    SearchAttributes attributes = description.getTypedSearchAttributes();
    String provider = attributes.get(PostingSearchAttributes.POSTING_PROVIDER);
    return new PostingStatus(postingId, provider == null ? null : Provider.valueOf(provider), stateOf(description),
        null, null, null, List.of(), error, null);
  }

  private static PostingState stateOf(WorkflowExecutionDescription description) {
    String state = description.getTypedSearchAttributes().get(PostingSearchAttributes.POSTING_STATE);
    return state == null ? PostingState.RECEIVED : PostingState.valueOf(state);
  }

  private static PostingAccepted accepted(String postingId, PostingState state) {
    return new PostingAccepted(postingId, state, "/api/postings/" + postingId);
  }

  /** "amount.minor" and "amount" are about the same thing: report it once. */
}
