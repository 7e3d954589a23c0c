package dev.wt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that changed anything in the folders where wt keeps the real user's files
 * ({@code ~/.local/state/wt}, {@code ~/.local/share/wt}, {@code ~/.cache/wt}, {@code ~/.config/wt},
 * and {@code /var/lib/wt} where clusters go as root): it lists them before the class and again
 * after its {@code @AfterAll}. Every class gets it (registered in META-INF/services, with
 * extension auto-detection on in junit-platform.properties). It cannot tell who wrote: on a
 * machine where wt (or another checkout's older test suite) runs meanwhile, pass
 * {@code -Dwt.realHomeGuard=off}.
 */
public final class RealHomeGuard implements BeforeAllCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RealHomeGuard.class);

  /** The folders a test must never write, below {@code home}. */
  public static List<Path> watched(Path home) {
    return List.of(home.resolve(".local/state/wt"), home.resolve(".local/share/wt"), home.resolve(".cache/wt"),
        home.resolve(".config/wt"), Path.of("/var/lib/wt"));
  }

  /**
   * Every file and folder below {@code roots} with its size and modification time; of a cluster's
   * home ({@code pg/<key>}) only that it is there, since a cluster the user runs (after
   * {@code make demo}, say) keeps writing its own data files while the tests run.
   */
  public static Map<Path, String> listing(List<Path> roots) {
    Map<Path, String> out = new TreeMap<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        continue;
      }
      try {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            out.put(dir, "dir");
            Path parent = dir.getParent();
            boolean clusterHome = parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals("pg") && !dir.equals(root);
            return clusterHome ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            out.put(file, attrs.size() + " bytes @" + attrs.lastModifiedTime().toMillis());
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // removed while listed: not there
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** What changed between two listings, one line each. */
  public static List<String> changes(Map<Path, String> before, Map<Path, String> after) {
    List<String> out = new ArrayList<>();
    after.forEach((p, v) -> {
      if (!before.containsKey(p)) {
        out.add("new " + p);
      } else if (!before.get(p).equals(v)) {
        out.add("changed " + p);
      }
    });
    before.keySet().stream().filter(p -> !after.containsKey(p)).forEach(p -> out.add("removed " + p));
    return out;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    TestHome.root(); // made before the class starts programs that expect their HOME to exist
    if ("off".equals(System.getProperty("wt.realHomeGuard"))) {
      return;
    }
    context.getStore(NS).put("before", listing(watched(TestHome.realHome())));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    Map<Path, String> before = context.getStore(NS).get("before", Map.class);
    if (before == null) {
      return;
    }
    List<String> changes = changes(before, listing(watched(TestHome.realHome())));
    if (!changes.isEmpty()) {
      throw new AssertionError(context.getDisplayName() + " wrote to the real home (" + TestHome.realHome()
          + "); tests must use TestHome's folders:\n  " + String.join("\n  ", changes));
    }
  }
}
