package dev.postings.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.model.Provider;
import dev.postings.tools.bench.BenchCommand;
import dev.postings.tools.chaos.ChaosCommand;
import dev.postings.tools.local.TemporalServerCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The tools' command lines: the option names CI, the README and the issues use keep their meaning. */
class PostingsToolsTest {

  private static Object command(ParseResult parsed) {
    return parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void chaosTakesTheOptionsCiPasses() {
    ParseResult parsed = PostingsTools.commandLine().parseArgs("chaos", "--postings=200", "--rate=5", "--settle=PT8M",
        "--kills=1", "--seed", "7");
    ChaosCommand chaos = (ChaosCommand) command(parsed);
    assertThat(chaos).extracting("postings", "perSecond", "settle", "kills", "seed")
        .containsExactly(200, 5.0, Duration.ofMinutes(8), 1, 7L);
  }

  @Test
  void chaosDefaultsAreTheFullRun() {
    ChaosCommand chaos = (ChaosCommand) command(PostingsTools.commandLine().parseArgs("chaos"));
    assertThat(chaos).extracting("postings", "kills", "seed", "settle", "perSecond")
        .containsExactly(1000, 2, 42L, Duration.ofMinutes(10), 20.0);
  }

  @Test
  void benchTakesItsOptionsAndProvidersInAnyCase() {
    BenchCommand bench = (BenchCommand) command(PostingsTools.commandLine().parseArgs("bench", "--postings=50",
        "--concurrency=10", "--warmup=5", "--rounds=2", "--providers=storedge,Acquaint", "--out=/tmp/bench"));
    assertThat(bench).extracting("postings", "concurrency", "warmup", "rounds", "providers", "out")
        .containsExactly(50, 10, 5, 2, java.util.List.of(Provider.STOREDGE, Provider.ACQUAINT), Path.of("/tmp/bench"));
  }

  @Test
  void theTemporalServerListensOnLoopbackUnlessTold() {
    TemporalServerCommand server = (TemporalServerCommand) command(PostingsTools.commandLine()
        .parseArgs("temporal-server", "--port=37233"));
    assertThat(server).extracting("host", "port", "namespace").containsExactly("127.0.0.1", 37233, "default");
  }

  @Test
  void anUnknownOptionIsAUsageErrorWithExitCodeTwo() {
    StringWriter err = new StringWriter();
    CommandLine line = PostingsTools.commandLine().setErr(new PrintWriter(err));
    assertThat(line.execute("chaos", "--kill=3")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--kill=3'");
  }

  @Test
  void noCommandIsAUsageError() {
    CommandLine line = PostingsTools.commandLine().setErr(new PrintWriter(new StringWriter()));
    assertThat(line.execute()).isEqualTo(2);
  }

  @Test
  void chaosRefusesFewerPostingsThanTwoPerProviderBeforeStartingAnything() {
    CommandLine line = PostingsTools.commandLine().setErr(new PrintWriter(new StringWriter()));
    assertThat(line.execute("chaos", "--postings=7")).isEqualTo(2);
  }
}
