package dev.postings.starter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Records every controller method (and actuator endpoint) about to run, so a test can prove that a refused request ran
 * no handler. Not a component: a test adds it as a source of the starter's context ({@link StarterOnly}), so no other
 * test's context picks it up by scanning. The error page's controller is not counted: it answers for a refusal.
 */
public class HandlerSpy implements WebMvcConfigurer, HandlerInterceptor {

  private final List<String> ran = new CopyOnWriteArrayList<>();

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (handler instanceof HandlerMethod method && !(method.getBean() instanceof BasicErrorController)) {
      ran.add(request.getMethod() + " " + request.getRequestURI() + " -> " + method.getShortLogMessage());
    }
    return true;
  }

  /** The handlers that ran since the last call, and forgets them. */
  List<String> drain() {
    List<String> all = List.copyOf(ran);
    ran.removeAll(all);
    return all;
  }
}
