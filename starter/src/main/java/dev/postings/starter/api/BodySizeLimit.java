package dev.postings.starter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an oversized body by its declared length before anything reads it (the controller checks the bytes of bodies
 * sent without a length).
 */
@Component
public class BodySizeLimit extends OncePerRequestFilter {

  private final int maxBodyBytes;
  private final ObjectMapper json;

  public BodySizeLimit(@Value("${postings.api.max-body-bytes}") int maxBodyBytes, ObjectMapper json) {
    this.maxBodyBytes = maxBodyBytes;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getRequestURI().startsWith("/api/") && request.getContentLengthLong() > maxBodyBytes) {
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      response.setContentType("application/json");
      json.writeValue(response.getOutputStream(),
          ErrorResponse.of("body", "must be at most " + maxBodyBytes + " bytes"));
      return;
    }
    chain.doFilter(request, response);
  }
}
