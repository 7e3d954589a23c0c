package dev.wt.app;

import dev.wt.core.Leftovers;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** wt's trash ({@code <git common dir>/wt/trash}): folders kept a week after removal, then deleted by gc. */
final class Trash {

  private Trash() {}

  static List<GcUseCase.Item> sweep(Path trash, boolean yes) {
    List<GcUseCase.Item> out = new ArrayList<>();
    if (!Files.isDirectory(trash, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    Instant now = Instant.now();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(trash)) {
      for (Path entry : entries) {
        Instant modified = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant();
        if (!Leftovers.trashExpired(modified, now)) {
          continue;
        }
        String detail = "in the trash since " + modified;
        if (!yes) {
          out.add(new GcUseCase.Item("trash", entry.toString(), detail, "found"));
          continue;
        }
        try {
          delete(entry);
          out.add(new GcUseCase.Item("trash", entry.toString(), detail, "released"));
        } catch (IOException e) {
          out.add(new GcUseCase.Item("trash", entry.toString(), "cannot delete: " + e.getMessage(), "failed"));
        }
      }
    } catch (IOException e) {
      out.add(new GcUseCase.Item("trash", trash.toString(), "cannot read: " + e.getMessage(), "failed"));
    }
    return out;
  }

  /** Deletes a tree without following symbolic links out of it. */
  private static void delete(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
