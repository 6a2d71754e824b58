package dev.postings.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bench's in-flight sweep: its levels as the command line gives them, and its chart. */
class InFlightSweepTest {

  @Test
  void levelsAreReadInOrderAndNoneMeansNoSweep() {
    assertThat(BenchCommand.inFlightLevels("10,50,200")).containsExactly(10, 50, 200);
    assertThat(BenchCommand.inFlightLevels(" 5 , 7")).containsExactly(5, 7);
    assertThat(BenchCommand.inFlightLevels("none")).isEmpty();
    assertThat(BenchCommand.inFlightLevels("")).isEmpty();
    assertThatThrownBy(() -> BenchCommand.inFlightLevels("10,many")).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("'many'");
    assertThatThrownBy(() -> BenchCommand.inFlightLevels("0")).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("between 1 and 10,000");
  }

  @Test
  void theChartDrawsOneLinePerBatchRisingWithItsFigures(@TempDir Path dir) throws Exception {
    Map<String, double[]> perSecond = new LinkedHashMap<>();
    perSecond.put("floor", new double[] {100, 200, 300});
    perSecond.put("STOREDGE", new double[] {50, Double.NaN, 150});
    Path png = dir.resolve("in-flight.png");

    InFlightChart.write(List.of(10, 50, 200), perSecond, png, "test");

    BufferedImage image = ImageIO.read(Files.newInputStream(png));
    assertThat(image.getWidth()).isEqualTo(900);
    // the floor's points: its colour at each level, higher on the image (smaller y) as the figure grows
    int previousY = Integer.MAX_VALUE;
    for (int x : new int[] {100, 400, 700}) {
      int y = firstRowOf(image, x, 0x54A24B);
      assertThat(y).as("floor point at x=" + x).isPositive().isLessThan(previousY);
      previousY = y;
    }
  }

  /** The first row from the top where the column around {@code x} has the colour (the point's dot), or -1. */
  private static int firstRowOf(BufferedImage image, int x, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int dx = -3; dx <= 3; dx++) {
        if ((image.getRGB(x + dx, y) & 0xFFFFFF) == rgb) {
          return y;
        }
      }
    }
    return -1;
  }
}
