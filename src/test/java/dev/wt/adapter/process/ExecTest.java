package dev.wt.adapter.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.ExitCode;
import dev.wt.core.WtException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one process runner: captured, streamed, and what its errors show. */
class ExecTest {

  private static final String URL = "postgresql://app:s3cret@db.example/shop";

  @Test
  void a_command_that_outlives_its_timeout_is_named_without_its_password() {
    WtException e = assertThrows(WtException.class, () -> Exec.run(List.of("sh", "-c", "sleep 30", URL), null,
        Map.of(), Duration.ofMillis(200)));
    assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
    assertTrue(e.getMessage().contains("postgresql://app:"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void a_command_line_in_an_error_shows_no_token_key_or_header_it_carries() {
    List<String> command = List.of("sh", "-c", "sleep 30", "--token", "tok3nS3cret", "api_key=k3yS3cret",
        "Authorization: Bearer b3arerS3cret", "https://ghp_us3rS3cret@github.com/org/repo.git");
    WtException e = assertThrows(WtException.class, () -> Exec.run(command, null, Map.of(), Duration.ofMillis(200)));
    assertTrue(e.getMessage().contains("--token *** api_key=*** Authorization: Bearer *** https://***@github.com/org/"),
        e.getMessage());
    assertFalse(e.getMessage().contains("S3cret"), e.getMessage());
  }

  @Test
  void a_program_wt_runs_never_gets_the_shell_functions_cd_file() {
    List<String> lines = new ArrayList<>();
    Exec.stream(List.of("sh", "-c", "echo \"cd=${WT_SHELL_CD_FILE-unset} prev=${WT_SHELL_PREVIOUS-unset} x=$X\""), null,
        Map.of("WT_SHELL_CD_FILE", "/tmp/outer-shell-cd", "WT_SHELL_PREVIOUS", "/tmp", "X", "kept"), lines::add,
        Duration.ofMinutes(1), () -> WtException.internal("no timeout expected", null));
    assertEquals(List.of("cd=unset prev=unset x=kept"), lines, "a wt inside wt run must not move the outer shell");
  }

  @Test
  void a_missing_program_is_an_environment_error_with_a_hint() {
    WtException e = assertThrows(WtException.class, () -> Exec.run(List.of("no-such-program-wt"), null, Map.of(),
        Duration.ofSeconds(30)));
    assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
    assertTrue(e.getMessage().startsWith("cannot run no-such-program-wt"), e.getMessage());
  }

  @Test
  void streamed_output_arrives_line_by_line_with_stderr_merged() {
    List<String> lines = new ArrayList<>();
    int code = Exec.stream(List.of("sh", "-c", "echo one; echo two >&2; exit 3"), null, Map.of(), lines::add,
        Duration.ofMinutes(1), () -> WtException.internal("no timeout expected", null));
    assertEquals(3, code);
    assertEquals(List.of("one", "two"), lines);
  }
}
