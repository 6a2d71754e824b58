package dev.postings.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The business checks on a parsed request, shared by the starter (before any workflow starts) and the workflow's
 * validate step (for postings started by other means, e.g. the Temporal CLI). Pure and deterministic: "now" is passed
 * in, so the workflow can give it its own clock.
 *
 * <p>This is workflow code: a rule change that alters the outcome for a posting already running breaks its replay. Such
 * a change goes behind {@code Workflow.getVersion} in PostingWorkflowImpl, and PostingWorkflowReplayTest must pass.
 */
public final class PostingValidator {

  /** Posting ids become workflow ids and URL segments: keep them to a safe alphabet. */
  private static final Pattern POSTING_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

  /** A positive whole number of at most ten digits (then checked against .NET's int range). */
  private static final Pattern ACQUAINT_ID = Pattern.compile("[1-9][0-9]{0,9}");
  /** A sanity bound on storEDGE prepayments (its own limit applies too). */
  static final int MAX_PREPAY_MONTHS = 24;

  private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");
  private static final Pattern ROUTING_NUMBER = Pattern.compile("[0-9]{9}");
  private static final Pattern EXPIRATION = Pattern.compile("(0[1-9]|1[0-2])/[0-9]{2}");

  private final PostingLimits limits;

  public PostingValidator(PostingLimits limits) {
    this.limits = limits;
  }

  public List<FieldError> validate(PostingRequest request, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    if (request == null) {
      errors.add(new FieldError("body", "is required"));
      return errors;
    }
    checkPostingId(request.postingId(), errors);
    if (request.provider() == null) {
      errors.add(new FieldError("provider", "is required"));
    }
    checkAmount(request, errors);
    checkTransactionDate(request.transactionDate(), now, errors);
    requireText("referenceNumber", request.referenceNumber(), limits.maxReferenceLength(), errors);
    if (request.description() != null && request.description().length() > limits.maxDescriptionLength()) {
      errors.add(new FieldError("description", "must be at most " + limits.maxDescriptionLength() + " characters"));
    }
    checkTarget(request, now, errors);
    return errors;
  }

  private void checkPostingId(String postingId, List<FieldError> errors) {
    if (requireText("postingId", postingId, limits.maxIdLength(), errors) && !POSTING_ID.matcher(postingId).matches()) {
      errors.add(new FieldError("postingId", "may contain only letters, digits and . _ : - and must start with a letter or digit"));
    }
  }

  private void checkAmount(PostingRequest request, List<FieldError> errors) {
    Money amount = request.amount();
    if (amount == null) {
      errors.add(new FieldError("amount", "is required"));
      return;
    }
    if (amount.minor() <= 0) {
      errors.add(new FieldError("amount.minor", "must be greater than 0"));
    } else if (amount.minor() > limits.maxAmountMinor()) {
      errors.add(new FieldError("amount.minor", "must be at most " + limits.maxAmountMinor()));
    }
    if (amount.currency() == null || amount.currency().isBlank()) {
      errors.add(new FieldError("amount.currency", "is required"));
    } else if (request.provider() != null && !request.provider().currency().equals(amount.currency())) {
      errors.add(new FieldError("amount.currency",
          "must be " + request.provider().currency() + " for " + request.provider()));
    }
  }

  private void checkTransactionDate(Instant date, Instant now, List<FieldError> errors) {
    if (date == null) {
      errors.add(new FieldError("transactionDate", "is required"));
      return;
    }
    // Compare instants only: converting an extreme instant (year +999999999) to a calendar date throws.
    if (date.isBefore(LocalDate.of(limits.earliestYear(), 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
      errors.add(new FieldError("transactionDate", "must not be before " + limits.earliestYear()));
    } else if (date.isAfter(now.plus(limits.maxFutureDate()))) {
      errors.add(new FieldError("transactionDate",
          "must not be more than " + limits.maxFutureDate().toDays() + " days in the future"));
    }
  }

  private void checkTarget(PostingRequest request, Instant now, List<FieldError> errors) {
    PostingTarget target = request.target();
    if (target == null) {
      errors.add(new FieldError("target", "is required"));
      return;
    }
    if (request.provider() != null && target.provider() != request.provider()) {
      errors.add(new FieldError("target", "is a " + target.provider() + " target but provider is " + request.provider()));
      return;
    }
    if (target instanceof PropertywareTarget propertyware) {
      checkPropertyware(request, propertyware, errors);
    } else if (target instanceof ResmanTarget resman) {
      checkResman(request, resman, errors);
    } else if (target instanceof AcquaintRentTarget rent) {
      requireId("target.rentItemId", rent.rentItemId(), errors);
      requireId("target.tenancyId", rent.tenancyId(), errors);
      requireId("target.bankAccountId", rent.bankAccountId(), errors);
      optionalId("target.receivedFromContactId", rent.receivedFromContactId(), errors);
      optionalId("target.landlordId", rent.landlordId(), errors);
      checkAcquaintPaymentMethod(request, errors);
    } else if (target instanceof AcquaintChargeTarget charge) {
      requireId("target.chargeId", charge.chargeId(), errors);
      requireId("target.bankAccountId", charge.bankAccountId(), errors);
      optionalId("target.receivedFromContactId", charge.receivedFromContactId(), errors);
      checkAcquaintPaymentMethod(request, errors);
    } else if (target instanceof StoredgeTarget storedge) {
      checkStoredge(storedge, now, errors);
    }
  }

  /**
   * Acquaint takes the payment method as {@code paymentMethodId}, an id from the agency's own list
   * (docs/providers/acquaint.md#endpoints): for ACQUAINT the request's paymentType carries that id.
   */
  private static void checkAcquaintPaymentMethod(PostingRequest request, List<FieldError> errors) {
    String method = request.paymentType();
    if (method == null || method.isBlank()) {
      errors.add(new FieldError("paymentType", "is required"));
    } else if (!ACQUAINT_ID.matcher(method).matches() || Long.parseLong(method) > Integer.MAX_VALUE) {
      errors.add(new FieldError("paymentType", "must be Acquaint's paymentMethodId (a whole number from 1 to "
          + Integer.MAX_VALUE + ") for ACQUAINT"));
    }
  }

  /** Acquaint ids are .NET {@code int}s: positive and at most 2^31-1. */
  private static void requireId(String field, Long id, List<FieldError> errors) {
    if (id == null) {
      errors.add(new FieldError(field, "is required"));
    } else {
      optionalId(field, id, errors);
    }
  }

  private static void optionalId(String field, Long id, List<FieldError> errors) {
    if (id != null && (id < 1 || id > Integer.MAX_VALUE)) {
      errors.add(new FieldError(field, "must be a whole number from 1 to " + Integer.MAX_VALUE));
    }
  }

  /**
   * ResMan (docs/providers/propexo.md#create-resident-payment-resman): every field is required, notes and description
   * included.
   */
  private void checkResman(PostingRequest request, ResmanTarget target, List<FieldError> errors) {
    requireText("target.integrationId", target.integrationId(), limits.maxIdLength(), errors);
    requireText("target.residentId", target.residentId(), limits.maxIdLength(), errors);
    requireText("target.notes", target.notes(), limits.maxDescriptionLength(), errors);
    if (request.description() == null || request.description().isBlank()) {
      errors.add(new FieldError("description", "is required for RESMAN"));
    }
    if (request.paymentType() == null || request.paymentType().isBlank()) {
      errors.add(new FieldError("paymentType", "is required"));
    } else if (!ResmanPaymentType.isValid(request.paymentType())) {
      errors.add(new FieldError("paymentType", "must be one of " + ResmanPaymentType.VALUES + " for RESMAN"));
    }
  }

  /**
   * storEDGE (docs/providers/storedge.md#payment-methods-and-cardholder-data). {@code paymentType} is not used: the
   * method's kind says how the tenant pays. No field here may hold cardholder data, so a new card or account must come
   * as last 4 digits plus a vault reference.
   */
  private void checkStoredge(StoredgeTarget target, Instant now, List<FieldError> errors) {
    requireText("target.facilityId", target.facilityId(), limits.maxIdLength(), errors);
    requireText("target.ledgerId", target.ledgerId(), limits.maxIdLength(), errors);
    if (target.paymentKind() == null) {
      errors.add(new FieldError("target.paymentKind", "is required (one of "
          + java.util.Arrays.toString(StoredgePaymentKind.values()) + ")"));
    } else if (target.paymentKind() == StoredgePaymentKind.PREPAY) {
      if (target.months() == null || target.months() < 1 || target.months() > MAX_PREPAY_MONTHS) {
        errors.add(new FieldError("target.months", "must be 1-" + MAX_PREPAY_MONTHS + " for PREPAY"));
      }
    } else if (target.months() != null) {
      errors.add(new FieldError("target.months", "is only for PREPAY"));
    }
    StoredgePaymentMethod method = target.paymentMethod();
    String at = "target.paymentMethod.";
    if (method == null) {
      errors.add(new FieldError("target.paymentMethod", "is required"));
    } else if (method instanceof StoredgePaymentMethod.Stored stored) {
      requireText(at + "paymentMethodId", stored.paymentMethodId(), limits.maxIdLength(), errors);
    } else if (method instanceof StoredgePaymentMethod.NewCard card) {
      checkHolder(at, card.firstName(), card.lastName(), card.billingAddress(), errors);
      if (requireText(at + "cardType", card.cardType(), limits.maxIdLength(), errors)
          && !StoredgePaymentMethod.CARD_TYPES.contains(card.cardType())) {
        errors.add(new FieldError(at + "cardType", "must be one of " + StoredgePaymentMethod.CARD_TYPES));
      }
      checkExpiration(at + "expirationDate", card.expirationDate(), now, errors);
      checkSealed(at, card.last4(), card.vaultRef(), errors);
    } else if (method instanceof StoredgePaymentMethod.NewAch ach) {
      checkHolder(at, ach.firstName(), ach.lastName(), ach.billingAddress(), errors);
      requireText(at + "accountType", ach.accountType(), limits.maxIdLength(), errors);
      requireText(at + "bankName", ach.bankName(), limits.maxDescriptionLength(), errors);
      if (requireText(at + "routingNumber", ach.routingNumber(), limits.maxIdLength(), errors)
          && !ROUTING_NUMBER.matcher(ach.routingNumber()).matches()) {
        errors.add(new FieldError(at + "routingNumber", "must be 9 digits"));
      }
      checkSealed(at, ach.last4(), ach.vaultRef(), errors);
    } else if (method instanceof StoredgePaymentMethod.Check check) {
      checkHolder(at, check.firstName(), check.lastName(), check.billingAddress(), errors);
      requireText(at + "checkNumber", check.checkNumber(), limits.maxReferenceLength(), errors);
      requireText(at + "nameOnCheck", check.nameOnCheck(), limits.maxDescriptionLength(), errors);
    } else if (method instanceof StoredgePaymentMethod.Cash cash) {
      checkHolder(at, cash.firstName(), cash.lastName(), cash.billingAddress(), errors);
    }
  }

  private void checkHolder(String at, String firstName, String lastName, StoredgeBillingAddress address,
      List<FieldError> errors) {
    requireText(at + "firstName", firstName, limits.maxDescriptionLength(), errors);
    requireText(at + "lastName", lastName, limits.maxDescriptionLength(), errors);
    // storEDGE (docs/providers/storedge.md#payment-methods-and-cardholder-data): billing_address_attributes is
    // "required if not using an existing payment method"
    if (address == null) {
      errors.add(new FieldError(at + "billingAddress", "is required for a new payment method"));
      return;
    }
    requireText(at + "billingAddress.address1", address.address1(), limits.maxDescriptionLength(), errors);
    requireText(at + "billingAddress.city", address.city(), limits.maxDescriptionLength(), errors);
    requireText(at + "billingAddress.postal", address.postal(), limits.maxIdLength(), errors);
  }

  /** Only the last 4 digits and the vault's reference: a full number here would end up in workflow history. */
  private void checkSealed(String at, String last4, String vaultRef, List<FieldError> errors) {
    if (last4 == null || !LAST4.matcher(last4).matches()) {
      errors.add(new FieldError(at + "last4", "must be exactly the last 4 digits"));
    }
    requireText(at + "vaultRef", vaultRef, limits.maxDescriptionLength(), errors);
  }

  /**
   * MM/YY (docs/providers/storedge.md#payment-methods-and-cardholder-data); a card is valid to the end of its
   * expiration month (UTC).
   */
  private static void checkExpiration(String field, String expiration, Instant now, List<FieldError> errors) {
    if (expiration == null || !EXPIRATION.matcher(expiration).matches()) {
      errors.add(new FieldError(field, "must be MM/YY"));
      return;
    }
    java.time.YearMonth month = java.time.YearMonth.of(2000 + Integer.parseInt(expiration.substring(3)),
        Integer.parseInt(expiration.substring(0, 2)));
    if (month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(now)) {
      errors.add(new FieldError(field, "the card expired in " + expiration));
    }
  }

  private void checkPropertyware(PostingRequest request, PropertywareTarget target, List<FieldError> errors) {
    requireText("target.integrationId", target.integrationId(), limits.maxIdLength(), errors);
    requireText("target.leaseId", target.leaseId(), limits.maxIdLength(), errors);
    requireText("target.residentId", target.residentId(), limits.maxIdLength(), errors);
    requireText("target.financialAccountId", target.financialAccountId(), limits.maxIdLength(), errors);
    if (request.paymentType() == null || request.paymentType().isBlank()) {
      errors.add(new FieldError("paymentType", "is required"));
    } else if (!PropertywarePaymentType.isValid(request.paymentType())) {
      errors.add(new FieldError("paymentType",
          "must be one of " + java.util.Arrays.toString(PropertywarePaymentType.values()) + " for PROPERTYWARE"));
    }
  }

  private static boolean requireText(String field, String value, int maxLength, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
      return false;
    }
    if (value.length() > maxLength) {
      errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
      return false;
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError(field, "must not contain control characters"));
      return false;
    }
    return true;
  }
}
