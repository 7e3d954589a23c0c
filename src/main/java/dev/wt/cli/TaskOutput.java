package dev.wt.cli;

import dev.wt.app.task.TaskUseCase;
import dev.wt.core.WtException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a task's per-repository outcome; exit 4 when one is not done (the others stay done). */
final class TaskOutput {

  private TaskOutput() {}

  static int print(PrintWriter out, JsonOption json, TaskUseCase.Result r, String verb) {
    if (json.enabled()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("task", r.task());
      doc.put("workspace", r.workspace().toString());
      doc.put("repos", r.repos());
      JsonOption.print(out, doc);
    } else {
      int width = r.repos().stream().mapToInt(o -> o.repo().length()).max().orElse(0);
      for (TaskUseCase.Outcome o : r.repos()) {
        out.println(String.format("%-" + width + "s  %s  %s  %s", o.repo(), o.done() ? "done" : "FAILED", o.path(),
            o.detail()));
      }
      out.flush();
    }
    List<TaskUseCase.Outcome> failed = r.repos().stream().filter(o -> !o.done()).toList();
    if (failed.isEmpty()) {
      return 0;
    }
    throw WtException.partial(failed.size() + " of " + r.repos().size() + " repositories not done for task " + r.task()
        + ": " + String.join(", ", failed.stream().map(TaskUseCase.Outcome::repo).toList()),
        "fix what the lines above say and run wt " + verb + " " + r.task() + " again; the others stay as they are");
  }
}
