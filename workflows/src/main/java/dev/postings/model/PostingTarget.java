package dev.postings.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Where in the provider's ledger a payment goes: one record per provider operation. The type name travels in workflow
 * payloads as {@code kind} so that histories stay readable; the REST API infers it from {@code provider} (and, for
 * ACQUAINT, {@code target.operation}: RENT or CHARGE).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PropertywareTarget.class, name = "PROPERTYWARE"),
    @JsonSubTypes.Type(value = ResmanTarget.class, name = "RESMAN"),
    @JsonSubTypes.Type(value = AcquaintRentTarget.class, name = "ACQUAINT_RENT"),
    @JsonSubTypes.Type(value = AcquaintChargeTarget.class, name = "ACQUAINT_CHARGE"),
    @JsonSubTypes.Type(value = StoredgeTarget.class, name = "STOREDGE")})
public sealed interface PostingTarget permits PropertywareTarget, ResmanTarget, AcquaintRentTarget,
    AcquaintChargeTarget, StoredgeTarget {

  /** The provider this target belongs to; a request whose provider disagrees is invalid. */
  Provider provider();
}
