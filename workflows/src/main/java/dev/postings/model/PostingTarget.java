package dev.postings.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Where in the provider's ledger a payment goes: one record per provider operation. The type name travels in workflow
 * payloads as {@code kind} so that histories stay readable; the REST API infers it from {@code provider}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PropertywareTarget.class, name = "PROPERTYWARE"),
    @JsonSubTypes.Type(value = StoredgeTarget.class, name = "STOREDGE")})
public sealed interface PostingTarget permits PropertywareTarget, StoredgeTarget {

  /** The provider this target belongs to; a request whose provider disagrees is invalid. */
  Provider provider();
}
