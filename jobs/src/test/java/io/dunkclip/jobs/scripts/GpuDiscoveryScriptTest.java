package io.dunkclip.jobs.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/gpu-discovery.sh prints the resource JSON Spark's GPU scheduling reads. There is no GPU here, so a fake
 * {@code nvidia-smi} on the PATH stands in for the driver's tool; it answers only the query the script must make.
 */
class GpuDiscoveryScriptTest {
  private static final Path SCRIPT = Path.of("..", "scripts", "gpu-discovery.sh").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path bin;

  record Run(int exitCode, String out, String err) {}

  private Run run() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(bash(), SCRIPT.toString());
    // Only the fake (or nothing) on the PATH: whatever the host has must not decide the result.
    builder.environment().put("PATH", bin.toString());
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static String bash() {
    return Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/usr/bin/bash";
  }

  private void fakeNvidiaSmi(String body) throws IOException {
    Path fake = bin.resolve("nvidia-smi");
    Files.writeString(fake, "#!" + bash() + "\n" + body + "\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static List<String> addresses(JsonNode json) {
    List<String> addresses = new ArrayList<>();
    json.get("addresses").forEach(a -> {
      assertThat(a.isTextual()).as("address %s is a JSON string", a).isTrue();
      addresses.add(a.asText());
    });
    return addresses;
  }

  @Test
  void listsEveryGpuIndexNvidiaSmiReports() throws Exception {
    fakeNvidiaSmi("[ \"$*\" = '--query-gpu=index --format=csv,noheader' ] || { echo \"unexpected: $*\" >&2; exit 2; }\n"
        + "printf '0\\n1\\n 3\\n'");
    Run run = run();
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("name").asText()).isEqualTo("gpu");
    assertThat(addresses(json)).containsExactly("0", "1", "3");
    assertThat(json.size()).isEqualTo(2);
  }

  @Test
  void withoutNvidiaSmiTheAddressListIsEmpty() throws Exception {
    Run run = run();
    assertThat(run.exitCode()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("name").asText()).isEqualTo("gpu");
    assertThat(addresses(json)).isEmpty();
  }

  @Test
  void aFailingNvidiaSmiIsReportedNotHidden() throws Exception {
    fakeNvidiaSmi("echo 'NVIDIA-SMI has failed' >&2; exit 9");
    Run run = run();
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("gpu-discovery: nvidia-smi failed");
  }
}
