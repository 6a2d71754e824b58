package dev.postings.starter.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The operator console is static (resources/static/console: HTML, JS, CSS, no build step) and calls the same /api as the
 * CLI with the operator's key. Spring serves a directory's index.html only at the site root, so /console leads to it.
 */
@Controller
public class ConsoleController {

  @GetMapping({"/console", "/console/"})
  String console() {
    return "redirect:/console/index.html";
  }
}
