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
    checkTarget(request, errors);
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

  private void checkTarget(PostingRequest request, List<FieldError> errors) {
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
    }
  }

  /**
   * Acquaint takes the payment method as {@code paymentMethodId}, an id from the agency's own list (seeds 002, 003):
   * for ACQUAINT the request's paymentType carries that id.
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

  /** Seed 001: every field is required, notes and description included. */
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
