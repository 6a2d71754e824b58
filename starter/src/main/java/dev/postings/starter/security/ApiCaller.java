package dev.postings.starter.security;

import jakarta.servlet.http.HttpServletRequest;

/** Who made an authenticated /api call: the key's name and role (never the key itself). */
public record ApiCaller(String name, ApiRole role) {

  static final String ATTRIBUTE = ApiCaller.class.getName();

  /** The caller the authentication filter let through. */
  public static ApiCaller of(HttpServletRequest request) {
    Object caller = request.getAttribute(ATTRIBUTE);
    if (!(caller instanceof ApiCaller known)) {
      throw new IllegalStateException("no authenticated caller on " + request.getRequestURI());
    }
    return known;
  }
}
