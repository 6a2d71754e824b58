package dev.postings.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/**
 * One HTTP answer from a provider, its body parsed: a missing, empty or non-JSON body is a MissingNode, never an
 * exception, so that an error page from a proxy is classified by its status like any other answer.
 */
public record ProviderAnswer(int status, HttpHeaders headers, JsonNode body) {

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
